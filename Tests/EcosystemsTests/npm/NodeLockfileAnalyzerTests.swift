import PackageAnalysis
import ScanModel
import Testing

@testable import Ecosystems

struct NodeLockfileAnalyzerTests {
    static let lockPath = ImagePath("usr/src/app/package-lock.json")
    static let yarnPath = ImagePath("usr/src/app/yarn.lock")

    static func analyze(_ text: String, at path: ImagePath = lockPath) async throws -> AnalysisResult {
        try await NodeLockfileAnalyzer().analyze(AnalyzedFile(path: path, contents: Array(text.utf8)))
    }

    static func summary(_ result: AnalysisResult) -> [String] { result.packages.map { "\($0.name)@\($0.version)" } }

    /// The `name@version` of the packages marked development-only.
    static func development(_ result: AnalysisResult) -> [String] {
        result.packages.filter(\.isDevelopment).map { "\($0.name)@\($0.version)" }
    }

    /// A lock file as npm 9 writes it (lockfile version 3), trimmed: the root, a workspace and its link, a scoped
    /// package, a nested copy, an alias, and dev dependencies.
    static let version3 = """
        {
          "name": "shop",
          "version": "1.0.0",
          "lockfileVersion": 3,
          "requires": true,
          "packages": {
            "": { "name": "shop", "version": "1.0.0", "workspaces": ["packages/*"] },
            "node_modules/@babel/code-frame": { "version": "7.22.13", "resolved": "https://r/x.tgz", "license": "MIT" },
            "node_modules/debug": { "version": "2.6.9", "license": "MIT" },
            "node_modules/send/node_modules/debug": { "version": "4.3.4" },
            "node_modules/string-width-cjs": { "name": "string-width", "version": "4.2.3" },
            "node_modules/jest": { "version": "29.7.0", "dev": true },
            "node_modules/fsevents": { "version": "2.3.3", "devOptional": true, "optional": true },
            "node_modules/ui": { "resolved": "packages/ui", "link": true },
            "packages/ui": { "name": "ui", "version": "0.1.0" },
            "node_modules/broken": { "resolved": "https://r/broken.tgz" }
          }
        }
        """

    @Test func readsThePackagesOfLockfileVersion3AndMarksDevDependencies() async throws {
        let result = try await Self.analyze(Self.version3)
        #expect(
            Self.summary(result) == [
                "@babel/code-frame@7.22.13", "debug@2.6.9", "debug@4.3.4", "string-width@4.2.3", "jest@29.7.0",
                "fsevents@2.3.3",
            ])
        #expect(Self.development(result) == ["jest@29.7.0", "fsevents@2.3.3"])
        #expect(result.packages.first?.licenses == ["MIT"])
        #expect(result.packages.allSatisfy { $0.path == Self.lockPath && $0.ecosystem == .npm })
        #expect(result.warnings == ["usr/src/app/package-lock.json: 'node_modules/broken' has no version; skipped"])
    }

    @Test func prefersPackagesOverDependenciesInLockfileVersion2() async throws {
        let text = """
            {
              "lockfileVersion": 2,
              "packages": { "node_modules/ms": { "version": "2.1.3" } },
              "dependencies": { "ms": { "version": "2.1.2" } }
            }
            """
        #expect(Self.summary(try await Self.analyze(text)) == ["ms@2.1.3"])
    }

    @Test func readsTheNestedDependenciesOfLockfileVersion1() async throws {
        let text = """
            {
              "name": "legacy", "version": "1.0.0", "lockfileVersion": 1,
              "dependencies": {
                "@types/node": { "version": "20.8.0" },
                "send": {
                  "version": "0.18.0",
                  "requires": { "debug": "2.6.9" },
                  "dependencies": { "ms": { "version": "2.1.3" } }
                },
                "wrap-cjs": { "version": "npm:wrap-ansi@7.0.0" },
                "@scoped/alias": { "version": "npm:@real/name@1.0.0" },
                "mocha": { "version": "10.2.0", "dev": true, "dependencies": { "ms": { "version": "2.1.1" } } },
                "nothing": {}
              }
            }
            """
        let result = try await Self.analyze(text)
        #expect(
            Self.summary(result) == [
                "@types/node@20.8.0", "send@0.18.0", "ms@2.1.3", "wrap-ansi@7.0.0", "@real/name@1.0.0",
                "mocha@10.2.0", "ms@2.1.1",
            ])
        // A nested dependency of a dev dependency carries no mark of its own in lockfile version 1.
        #expect(Self.development(result) == ["mocha@10.2.0"])
        #expect(result.warnings == ["usr/src/app/package-lock.json: dependency 'nothing' has no version; skipped"])
    }

    @Test(
        "Reports malformed lock files",
        arguments: [
            (
                #"{"lockfileVersion": 3, "packages": {"#,
                NodePackageError.malformedJSON(
                    reason: "the JSON ends early; the file is truncated")
            ),
            ("<<<<<<< HEAD", .malformedJSON(reason: "the JSON has an unexpected character at byte 0")),
            ("[]", .notAnObject),
        ])
    func malformed(text: String, expected: NodePackageError) async {
        await #expect(throws: expected) { try await Self.analyze(text) }
    }

    @Test func aLockFileWithNeitherMapHasNoPackages() async throws {
        let result = try await Self.analyze(#"{"lockfileVersion": 3, "packages": "nonsense"}"#)
        #expect(result.packages.isEmpty && result.warnings.isEmpty)
    }

    @Test func readsAClassicYarnLock() async throws {
        let text = """
            # THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.
            # yarn lockfile v1


            "@babel/code-frame@^7.0.0", "@babel/code-frame@^7.10.4":
              version "7.22.13"
              resolved "https://registry.yarnpkg.com/@babel/code-frame/-/code-frame-7.22.13.tgz#e3c1c099"
              integrity sha512-XktuhWlJ5g+3TJXc5upd9Ks1HutSArik6jf2eAjYFyIOf4ej3RN+184cZbzDvbPnuTJIUhPKKJE3cIsYTiAT3w==
              dependencies:
                "@babel/highlight" "^7.22.13"
                chalk "^2.4.2"

            lodash@^4.17.20, lodash@^4.17.21:
              version "4.17.21"

            string-width-cjs@npm:string-width@^4.2.0:
              version "4.2.3"

            no-version@^1.0.0:
              resolved "https://registry.yarnpkg.com/no-version/-/no-version-1.0.0.tgz"
            """
        let result = try await Self.analyze(text, at: Self.yarnPath)
        #expect(Self.summary(result) == ["@babel/code-frame@7.22.13", "lodash@4.17.21", "string-width@4.2.3"])
        #expect(result.warnings == ["usr/src/app/yarn.lock:19: 'no-version@^1.0.0' has no version; skipped"])
    }

    @Test func readsABerryYarnLock() async throws {
        let text = """
            # This file is generated by running "yarn install" inside your project.
            # Manual changes might be lost - proceed with caution!

            __metadata:
              version: 8
              cacheKey: 10c0

            "@babel/code-frame@npm:^7.0.0, @babel/code-frame@npm:^7.10.4":
              version: 7.22.13
              resolution: "@babel/code-frame@npm:7.22.13"
              dependencies:
                "@babel/highlight": "npm:^7.22.13"
              checksum: 10c0/f4cc8ae1000265677daf4845083b72f88d00d311adb1a93c94eb4b07bf0ed6828c81ae4ac43ee7d476775000b93a28a9cddec18fbdc5796212d8dcccd5de72bd
              languageName: node
              linkType: hard

            "resolve@npm:^1.22.1":
              version: 1.22.8
              resolution: "resolve@npm:1.22.8"

            "resolve@patch:resolve@npm%3A^1.22.1#optional!builtin<compat/resolve>":
              version: 1.22.8
              resolution: "resolve@patch:resolve@npm%3A1.22.8#optional!builtin<compat/resolve>::version=1.22.8"

            "shop@workspace:.":
              version: 0.0.0-use.local
              resolution: "shop@workspace:."
              languageName: unknown
              linkType: soft
            """
        let result = try await Self.analyze(text, at: Self.yarnPath)
        #expect(Self.summary(result) == ["@babel/code-frame@7.22.13", "resolve@1.22.8"])
        #expect(result.warnings.isEmpty)
    }

    @Test func reportsYarnLockLinesItCannotRead() async throws {
        let text = "garbage without a colon\nnoname:\n  version \"1.0.0\"\n"
        let result = try await Self.analyze(text, at: Self.yarnPath)
        #expect(result.packages.isEmpty)
        #expect(
            result.warnings == [
                "usr/src/app/yarn.lock:1: expected an entry header ending in ':'",
                "usr/src/app/yarn.lock:2: cannot read a package name in 'noname'",
            ])
    }

    @Test(
        "Is interested in lock files outside node_modules",
        arguments: [
            ("usr/src/app/package-lock.json", true),
            ("package-lock.json", true),
            ("srv/web/yarn.lock", true),
            ("usr/src/app/node_modules/.package-lock.json", false),
            ("usr/src/app/node_modules/left-pad/package-lock.json", false),
            ("usr/src/app/node_modules/left-pad/yarn.lock", false),
            ("usr/src/app/package.json", false),
            ("usr/src/app/pnpm-lock.yaml", true),
            ("usr/src/app/node_modules/.pnpm/lock.yaml", false),
        ])
    func interest(path: String, expected: Bool) {
        #expect(NodeLockfileAnalyzer().isInterested(in: ImagePath(path)) == expected)
    }

    @Test(
        "Reads pnpm-lock.yaml in each key form",
        arguments: [
            """
            lockfileVersion: 5.4

            specifiers:
              lodash: ^4.17.21

            packages:

              /@babel/core/7.23.0_supports-color@5.5.0:
                resolution: {integrity: sha512-97z/ju/Jy1rZmDxybphrBuI+jtJjFVoz7Mr9yUQVVVi+DNZE333uFQeMOqcCIy1x3WYBIbWftUSLmbNXNT7qFQ==}
                engines: {node: '>=6.9.0'}
                dependencies:
                  debug: 4.3.4_supports-color@5.5.0
                dev: false

              /lodash_fork/4.17.21:
                resolution: {integrity: sha512-v2kDEe57lecTulaDIuNTPy3Ry4gLGJ6Z1O3vE1krgXZNrsQ+LFTGHVxVjcXPs17LhbZVGedAJv8XZ1tvj5FvSg==}
                dev: false

              /jest/29.7.0:
                dev: true
            """,
            """
            lockfileVersion: '6.0'

            importers:
              .:
                dependencies:
                  lodash_fork:
                    specifier: ^4.17.21
                    version: 4.17.21

            packages:

              /@babel/core@7.23.0(supports-color@5.5.0):
                resolution: {integrity: sha512-97z/ju/Jy1rZmDxybphrBuI+jtJjFVoz7Mr9yUQVVVi+DNZE333uFQeMOqcCIy1x3WYBIbWftUSLmbNXNT7qFQ==}
                dev: false

              /lodash_fork@4.17.21:
                dev: false

              /jest@29.7.0:
                dev: true

              github.com/user/repo/0123456789abcdef:
                resolution: {tarball: https://codeload.github.com/user/repo/tar.gz/0123456789abcdef}
                name: repo
                version: 1.0.0
                dev: false
            """,
            """
            lockfileVersion: '9.0'

            settings:
              autoInstallPeers: true

            importers:

              .:
                dependencies:
                  lodash_fork:
                    specifier: ^4.17.21
                    version: 4.17.21

            packages:

              '@babel/core@7.23.0':
                resolution: {integrity: sha512-97z/ju/Jy1rZmDxybphrBuI+jtJjFVoz7Mr9yUQVVVi+DNZE333uFQeMOqcCIy1x3WYBIbWftUSLmbNXNT7qFQ==}
                engines: {node: '>=6.9.0'}

              lodash_fork@4.17.21:
                resolution: {integrity: sha512-v2kDEe57lecTulaDIuNTPy3Ry4gLGJ6Z1O3vE1krgXZNrsQ+LFTGHVxVjcXPs17LhbZVGedAJv8XZ1tvj5FvSg==}

              my-lib@file:../lib:
                resolution: {directory: ../lib, type: directory}

            snapshots:

              '@babel/core@7.23.0(supports-color@5.5.0)':
                dependencies:
                  debug: 4.3.4(supports-color@5.5.0)

              lodash_fork@4.17.21: {}
            """,
        ])
    func readsPNPMLock(text: String) async throws {
        let path = ImagePath("usr/src/app/pnpm-lock.yaml")
        let result = try await Self.analyze(text, at: path)
        let isVersion9 = text.hasPrefix("lockfileVersion: '9.0'")
        #expect(
            Self.summary(result) == ["@babel/core@7.23.0", "lodash_fork@4.17.21"] + (isVersion9 ? [] : ["jest@29.7.0"]))
        #expect(Self.development(result) == (isVersion9 ? [] : ["jest@29.7.0"]))
        #expect(result.warnings.isEmpty)
        #expect(result.packages.allSatisfy { $0.path == path && $0.ecosystem == .npm })
    }

    @Test func reportsPNPMKeysItCannotRead() async throws {
        let text = "lockfileVersion: '6.0'\npackages:\n  /nameonly:\n    dev: false\n"
        let result = try await Self.analyze(text, at: ImagePath("app/pnpm-lock.yaml"))
        #expect(result.packages.isEmpty)
        #expect(result.warnings == ["app/pnpm-lock.yaml:3: cannot read a package name and version in '/nameonly'"])
    }
}
