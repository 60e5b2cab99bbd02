import Testing

@testable import Hardening

struct DockerfileParserTests {
    private func parse(_ text: String) throws -> Dockerfile {
        try DockerfileParser.parse(text, path: "Dockerfile")
    }

    @Test func readsParserDirectivesOnlyAtTheTop() throws {
        let dockerfile = try parse("# syntax=docker/dockerfile:1\n# check=skip=all\n\n# escape=`\nFROM alpine:3.19\n")
        #expect(dockerfile.directives == ["syntax": "docker/dockerfile:1", "check": "skip=all"])
        #expect(dockerfile.escapeCharacter == "\\")
    }

    @Test(
        "Joins continuation lines with either escape character",
        arguments: [
            ("FROM a:1\nRUN echo one \\\n    two\n", "\\"),
            ("# escape=`\nFROM a:1\nRUN echo one `\n    two\n", "`"),
        ])
    func continuations(text: String, escape: Character) throws {
        let dockerfile = try parse(text)
        let run = try #require(dockerfile.stages.first?.instructions.first)
        #expect(dockerfile.escapeCharacter == escape)
        #expect(run.arguments == "echo one     two")
        #expect(run.endLine == run.line + 1)
    }

    @Test func skipsCommentsAndEmptyLinesInsideContinuations() throws {
        let dockerfile = try parse(
            "FROM a:1\nRUN apt-get update \\\n# note\n\n    && apt-get install -y curl\nUSER app\n")
        let instructions = try #require(dockerfile.stages.first).instructions
        #expect(instructions.map(\.keyword) == ["RUN", "USER"])
        #expect(instructions[0].arguments == "apt-get update     && apt-get install -y curl")
        #expect(instructions[1].line == 6)
    }

    @Test func keepsStartLinesAndUpperCasesKeywords() throws {
        let dockerfile = try parse("\n# hello\nfrom alpine:3.19 as Build\n\nrun echo hi\n")
        let stage = try #require(dockerfile.stages.first)
        #expect(stage.from.line == 3)
        #expect(stage.name == "build")
        #expect(stage.instructions.first?.keyword == "RUN")
        #expect(stage.instructions.first?.line == 5)
    }

    @Test(
        "Tells the exec form from the shell form",
        arguments: [
            ("CMD [\"nginx\", \"-g\", \"daemon off;\"]", ["nginx", "-g", "daemon off;"]),
            ("CMD [\"a\\\"b\", \"\\u0041\"]", ["a\"b", "A"]),
            ("CMD nginx -g 'daemon off;'", nil),
            ("CMD [nginx]", nil),
            ("ENTRYPOINT []", []),
        ] as [(String, [String]?)])
    func execForm(line: String, expected: [String]?) throws {
        let instruction = try #require(try parse("FROM a:1\n" + line + "\n").stages.first?.instructions.first)
        #expect(instruction.execForm == expected)
    }

    @Test func readsHeredocs() throws {
        let text = """
            FROM debian:12
            RUN <<EOF
            apt-get update
            EOF
            RUN <<-"ONE" cat > /a && cat <<'TWO' > /b
            \tfirst
            \tONE
            second $HOME
            TWO
            COPY <<EOF /etc/app.conf
            key=value
            EOF
            USER app
            """
        let instructions = try #require(try parse(text).stages.first).instructions
        #expect(instructions.map(\.keyword) == ["RUN", "RUN", "COPY", "USER"])
        #expect(instructions[0].heredocs.map(\.body) == ["apt-get update\n"])
        #expect(instructions[0].endLine == 4)
        let two = instructions[1].heredocs
        #expect(two.map(\.delimiter) == ["ONE", "TWO"])
        #expect(two.map(\.body) == ["first\n", "second $HOME\n"])
        #expect(two.map(\.isQuoted) == [true, true])
        #expect(two.map(\.stripsLeadingTabs) == [true, false])
        #expect(instructions[2].heredocs.first?.body == "key=value\n")
        #expect(instructions[2].fileSources.isEmpty)
        #expect(instructions[3].line == 13)
    }

    @Test func readsFlags() throws {
        let text = """
            FROM --platform=$BUILDPLATFORM golang:1.22 AS build
            RUN --mount=type=cache,target=/root/.cache --network=none --security=insecure go build
            COPY --from=build --chmod=755 --chown=app:app --link --exclude=*.md --parents /src /dst
            ADD --checksum=sha256:abc --keep-git-dir=true https://example.com/a.tar /a
            """
        let dockerfile = try parse(text)
        let stage = try #require(dockerfile.stages.first)
        #expect(stage.from.flags.map(\.name) == ["platform"])
        #expect(stage.base == "golang:1.22")
        let run = stage.instructions[0]
        #expect(run.flags.map(\.name) == ["mount", "network", "security"])
        #expect(run.flag("mount") == "type=cache,target=/root/.cache")
        #expect(run.arguments == "go build")
        let copy = stage.instructions[1]
        #expect(copy.flags.map(\.name) == ["from", "chmod", "chown", "link", "exclude", "parents"])
        #expect(copy.flag("link") == "")
        #expect(stage.instructions[2].flag("checksum") == "sha256:abc")
        #expect(stage.instructions[2].flag("keep-git-dir") == "true")
    }

    @Test func resolvesStagesByNameAndIndex() throws {
        let dockerfile = try parse("FROM golang:1.22 AS build\nFROM build AS test\nFROM scratch\nCOPY --from=0 /a /a\n")
        #expect(dockerfile.stages.map(\.baseStageIndex) == [nil, 0, nil])
        #expect(dockerfile.stages.map(\.hasImageBase) == [true, false, false])
        #expect(dockerfile.stage(named: "0", before: 2)?.name == "build")
        #expect(dockerfile.stage(named: "BUILD", before: 2)?.index == 0)
    }

    @Test(
        "Substitutes variables",
        arguments: [
            ("ARG BASE=python:3\nFROM ${BASE}\n", "python:3"),
            ("ARG BASE=python\nFROM $BASE:3.12\n", "python:3.12"),
            ("ARG BASE\nFROM ${BASE:-alpine:3.19}\n", "alpine:3.19"),
            ("ARG BASE=x\nFROM ${BASE:+alpine:3.20}\n", "alpine:3.20"),
            ("ARG BASE\nFROM ${BASE-debian:12}\n", "debian:12"),
            ("ARG BASE=\nFROM ${BASE:-debian:12}\n", "debian:12"),
            ("ARG V=1\nARG BASE=node:${V}\nFROM ${BASE}\n", "node:1"),
            ("ARG B=1\nFROM ${A:-${B:-2}}x\n", "1x"),
            ("FROM $UNSET\n", "$UNSET"),
        ])
    func substitution(text: String, base: String) throws {
        #expect(try parse(text).stages.first?.base == base)
    }

    @Test func expandsStageVariablesAndKeepsEscapedDollars() throws {
        let text = """
            ARG DIR=/global
            FROM alpine:3.19
            ARG DIR
            ENV HOME_DIR=$DIR/home NAME="a b"
            WORKDIR ${HOME_DIR}
            LABEL price=\\$5 quoted='$DIR'
            """
        let stage = try #require(try parse(text).stages.first)
        #expect(stage.instructions[2].expandedArguments == "/global/home")
        #expect(stage.instructions[3].expandedArguments == "price=$5 quoted='$DIR'")
    }

    @Test func readsOnbuildTriggers() throws {
        let stage = try #require(try parse("FROM a:1\nONBUILD RUN sudo make\nonbuild COPY . /app\n").stages.first)
        #expect(stage.instructions.map { $0.triggers.first?.keyword } == ["RUN", "COPY"])
        #expect(stage.instructions[0].triggers.first?.arguments == "sudo make")
    }

    @Test func readsIgnoreComments() throws {
        let text = "FROM a:1\n# plimsoll:ignore=PLM-A,PLM-B\nRUN x\nRUN y # plimsoll:ignore=PLM-C\nRUN z\n"
        let instructions = try #require(try parse(text).stages.first).instructions
        #expect(instructions.map(\.ignoredRules) == [["PLM-A", "PLM-B"], ["PLM-C"], []])
        #expect(instructions[1].arguments == "y")
    }

    @Test(
        "Names the file and line of errors",
        arguments: [
            (
                "FROM a:1\nRUN <<EOF\necho\n",
                DockerfileParseError.unterminatedHeredoc(file: "Dockerfile", line: 2, delimiter: "EOF")
            ),
            ("FROM a:1\nFOO bar\n", .unknownInstruction(file: "Dockerfile", line: 2, keyword: "FOO")),
            ("RUN x\nFROM a:1\n", .instructionBeforeFrom(file: "Dockerfile", line: 1, keyword: "RUN")),
            ("FROM a:1\nUSER\n", .missingArguments(file: "Dockerfile", line: 2, keyword: "USER")),
            ("# escape=x\nFROM a:1\n", .invalidEscape(file: "Dockerfile", line: 1, value: "x")),
            ("FROM a:1\nONBUILD ONBUILD RUN x\n", .invalidTrigger(file: "Dockerfile", line: 2, keyword: "ONBUILD")),
            ("FROM a b c d\n", .malformedFrom(file: "Dockerfile", line: 1, text: "a b c d")),
            ("# only a comment\n", .noInstructions(file: "Dockerfile")),
        ])
    func errors(text: String, error: DockerfileParseError) {
        #expect(throws: error) { try DockerfileParser.parse(text, path: "Dockerfile") }
        #expect(error.description.hasPrefix("Dockerfile"))
    }

    @Test(
        "Takes linear time on pathological input",
        arguments: [
            String(repeating: "${", count: 20_000), String(repeating: "\\\n", count: 20_000),
            String(repeating: "<<A ", count: 5_000),
        ])
    func pathologicalInput(body: String) {
        // Completing at all is the check: a quadratic scan of these inputs would not finish in the test's time.
        do {
            let dockerfile = try DockerfileParser.parse("FROM a:1\nRUN " + body + "\n", path: "Dockerfile")
            #expect(dockerfile.stages.count == 1)
        } catch {
            #expect(error.line != nil)
        }
    }
}
