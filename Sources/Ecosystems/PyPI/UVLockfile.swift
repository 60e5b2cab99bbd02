import PackageAnalysis
import ScanModel
import VulnerabilityMatching

/// Reads uv's `uv.lock` (TOML; https://docs.astral.sh/uv/concepts/projects/layout/#the-lockfile).
///
/// Every package is a `[[package]]` table with `name`, `version` and a `source` inline table. The workspace's own
/// packages (`source = { editable = "." }`, `{ virtual = "." }`) and local directory dependencies
/// (`{ directory = "…" }`) are not reported. uv records development dependencies only on those workspace members, as
/// `[package.dev-dependencies]` groups, so a package is marked development-only when the dependency graph reaches it
/// from a development group and not from the members' own `dependencies` or `[package.optional-dependencies]` (a
/// dependency edge with `extra = [...]` also brings in those extras of its target). Without workspace members
/// nothing is marked.
enum UVLockfile {
    /// A package table and the edges out of it.
    private struct Node {
        var name: String
        var version: String?
        var line: Int
        var isWorkspaceMember: Bool
        var isLocal: Bool
        var dependencies: [TOMLDocument.Value]
        var optionalDependencies: [String: [TOMLDocument.Value]]
        var developmentGroups: [[TOMLDocument.Value]]
    }

    static func parse(_ bytes: [UInt8], path: ImagePath) -> AnalysisResult {
        let document = TOMLDocument.parse(bytes)
        var result = AnalysisResult(warnings: document.warnings(for: path.absolute))
        var nodes: [Node] = []
        for element in document.elements(of: "package") {
            let table = element.table
            guard let name = table["name"]?.stringValue, !name.isEmpty else {
                result.warnings.append(PythonLockfileAnalyzer.incompleteEntryWarning(path, line: table.line))
                continue
            }
            let source = table["source"]
            let isWorkspaceMember = source?["editable"] != nil || source?["virtual"] != nil
            var optional: [String: [TOMLDocument.Value]] = [:]
            for pair in element.subtable("optional-dependencies")?.pairs ?? [] {
                optional[pair.key] = pair.value.arrayValue ?? []
            }
            nodes.append(
                Node(
                    name: name, version: table["version"]?.stringValue, line: table.line,
                    isWorkspaceMember: isWorkspaceMember, isLocal: isWorkspaceMember || source?["directory"] != nil,
                    dependencies: table["dependencies"]?.arrayValue ?? [], optionalDependencies: optional,
                    developmentGroups: element.subtable("dev-dependencies")?.pairs.compactMap(\.value.arrayValue) ?? []
                ))
        }
        let development = developmentOnly(nodes)
        for (index, node) in nodes.enumerated() where !node.isLocal {
            guard let version = node.version, !version.isEmpty else {
                result.warnings.append(PythonLockfileAnalyzer.incompleteEntryWarning(path, line: node.line))
                continue
            }
            result.packages.append(
                InstalledPackage(
                    name: node.name, version: version, ecosystem: .pypi, path: path,
                    isDevelopment: development.contains(index)))
        }
        return result
    }

    /// The indices of the nodes reachable from a workspace member's development groups but not from its production
    /// dependencies.
    private static func developmentOnly(_ nodes: [Node]) -> Set<Int> {
        var byName: [String: [Int]] = [:]
        for (index, node) in nodes.enumerated() { byName[normalized(node.name), default: []].append(index) }
        let members = nodes.indices.filter { nodes[$0].isWorkspaceMember }
        let productionRoots = members.flatMap { member in
            nodes[member].dependencies + nodes[member].optionalDependencies.values.flatMap { $0 }
        }
        let developmentRoots = members.flatMap { nodes[$0].developmentGroups.flatMap { $0 } }
        guard !developmentRoots.isEmpty else { return [] }
        let production = reachable(from: productionRoots, nodes: nodes, byName: byName)
        return reachable(from: developmentRoots, nodes: nodes, byName: byName).subtracting(production)
    }

    /// The nodes a breadth-first walk reaches from the dependency `edges`, following each edge's extras.
    private static func reachable(
        from edges: [TOMLDocument.Value], nodes: [Node], byName: [String: [Int]]
    ) -> Set<Int> {
        var reached: Set<Int> = []
        var visitedExtras: Set<String> = []
        var pending = edges
        while let edge = pending.popLast() {
            guard let name = edge["name"]?.stringValue else { continue }
            let version = edge["version"]?.stringValue
            let extras = edge["extra"]?.arrayValue?.compactMap(\.stringValue) ?? []
            for target in byName[normalized(name)] ?? [] where version == nil || nodes[target].version == version {
                if reached.insert(target).inserted { pending += nodes[target].dependencies }
                for extra in extras where visitedExtras.insert("\(target) \(extra)").inserted {
                    pending += nodes[target].optionalDependencies[extra] ?? []
                }
            }
        }
        return reached
    }

    private static func normalized(_ name: String) -> String {
        PackageNameNormalizer.normalize(name, ecosystem: "PyPI")
    }
}
