import ScanModel

/// `PLM-DOCKERFILE-COMPILERS-IN-SINGLE-STAGE`: a single-stage build that installs compilers and keeps them, so
/// the shipped image carries a toolchain an attacker can use.
public struct CompilersInSingleStageRule: DockerfileRule {
    public let id = "PLM-DOCKERFILE-COMPILERS-IN-SINGLE-STAGE"
    public let title = "Compilers installed in a single-stage build"
    public let severity = Severity.low

    /// Creates the rule.
    public init() {}

    /// Whether a package is a compiler or build toolchain.
    static func isCompiler(_ package: String) -> Bool {
        let name = String(package.split(separator: "=").first ?? Substring(package)).lowercased()
        let exact: Set<String> = [
            "gcc", "g++", "build-essential", "build-base", "make", "golang", "golang-go", "go", "rustc", "cargo",
            "maven", "clang", "gcc-c++", "cmake",
        ]
        if exact.contains(name) { return true }
        if name.hasPrefix("gcc-") || name.hasPrefix("g++-") || name.hasPrefix("clang-") { return true }
        return name.hasPrefix("openjdk-") && name.hasSuffix("-jdk")
            || name.hasPrefix("openjdk") && name.hasSuffix("-jdk-headless")
    }

    public func violations(in dockerfile: Dockerfile, context: DockerfileRuleContext) -> [DockerfileViolation] {
        guard dockerfile.stages.count == 1 else { return [] }
        return dockerfile.runInstructions.compactMap { _, instruction in
            let script = instruction.shellScript
            let compilers = script.installations.filter { $0.manager != .pip && $0.manager != .npm }
                .flatMap(\.packages).filter(Self.isCompiler)
            guard let first = compilers.first else { return nil }
            // Installing build dependencies and purging them in the same RUN leaves no toolchain behind.
            let removes =
                script.runs("apt-get", with: ["purge", "remove", "autoremove"]) || script.runs("apk", with: ["del"])
                || script.runs("yum", with: ["remove"]) || script.runs("dnf", with: ["remove"])
            guard !removes else { return nil }
            return DockerfileViolation(
                instruction: instruction,
                message: "This single-stage build installs \(first) and keeps it in the image; build in a first "
                    + "stage and COPY --from it only what runs.")
        }
    }
}
