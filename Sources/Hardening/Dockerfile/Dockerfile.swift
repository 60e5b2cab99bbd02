/// A parsed Dockerfile: its parser directives, its instructions in order, and the build stages they form.
///
/// Follows the Dockerfile reference (docs.docker.com/reference/dockerfile) and BuildKit's frontend parser
/// (`moby/buildkit:frontend/dockerfile/parser`).
public struct Dockerfile: Sendable, Equatable {
    /// The file as the user named it, for findings and errors.
    public var path: String
    /// The parser directives at the top of the file (`syntax`, `escape`, `check`), keys in lower case.
    public var directives: [String: String]
    /// The escape character: `\` unless an `# escape=` directive chose `` ` ``.
    public var escapeCharacter: Character
    /// `ARG` instructions before the first `FROM`: the global scope `FROM` lines may use.
    public var globalArguments: [DockerfileInstruction]
    /// Every stage, in file order; the last one is what `docker build` produces unless `--target` says otherwise.
    public var stages: [DockerfileStage]

    /// Every instruction of the file in order: the global `ARG`s, then each stage's `FROM` and body.
    public var instructions: [DockerfileInstruction] {
        globalArguments + stages.flatMap { [$0.from] + $0.instructions }
    }

    /// The stage a name (`AS build`, case-insensitive) or an index (`0`) refers to, among the stages before
    /// `position`.
    public func stage(named reference: String, before position: Int) -> DockerfileStage? {
        let earlier = stages.prefix(max(0, min(position, stages.count)))
        if let index = Int(reference) { return earlier.first { $0.index == index } }
        let lowered = reference.lowercased()
        return earlier.last { $0.name == lowered }
    }

    /// The indices of the builder stages: stages other than the last that later stages only copy from
    /// (`COPY --from`, `RUN --mount=from=`) and never build on, so that their layers reach no image.
    ///
    /// A stage nothing refers to is not among them: it may be built with `--target`.
    public var builderStageIndices: Set<Int> {
        var copiedFrom: Set<Int> = []
        var builtOn: Set<Int> = []
        for stage in stages {
            if let base = stage.baseStageIndex { builtOn.insert(base) }
            for instruction in stage.instructions {
                var references = instruction.flags.filter { $0.name == "from" }.map(\.value)
                references += instruction.flags.filter { $0.name == "mount" }.flatMap { flag in
                    flag.value.split(separator: ",").compactMap { option in
                        option.hasPrefix("from=") ? String(option.dropFirst("from=".count)) : nil
                    }
                }
                for reference in references {
                    if let source = self.stage(named: reference, before: stage.index) {
                        copiedFrom.insert(source.index)
                    }
                }
            }
        }
        return copiedFrom.subtracting(builtOn).subtracting(stages.last.map { [$0.index] } ?? [])
    }
}

/// One build stage: a `FROM` and the instructions up to the next `FROM`.
public struct DockerfileStage: Sendable, Equatable {
    /// The stage's position, from 0 (`COPY --from=0`).
    public var index: Int
    /// The name after `AS`, in lower case as BuildKit keeps it.
    public var name: String?
    /// The `FROM` instruction.
    public var from: DockerfileInstruction
    /// The base as written, with build arguments substituted (`python:3.12-slim`, `build`, `scratch`).
    public var base: String
    /// The index of the earlier stage `base` names, when it names one instead of an image.
    public var baseStageIndex: Int?
    /// The `--platform` flag, substituted.
    public var platform: String?
    /// The instructions after `FROM`.
    public var instructions: [DockerfileInstruction]

    /// Whether the base is an image from a registry: neither an earlier stage nor `scratch`.
    public var hasImageBase: Bool { baseStageIndex == nil && base.lowercased() != "scratch" }
}

/// One instruction, with its continuation lines joined and its heredocs attached.
public struct DockerfileInstruction: Sendable, Equatable {
    /// The keyword in upper case (`RUN`, `COPY`).
    public var keyword: String
    /// The 1-based line the instruction starts on.
    public var line: Int
    /// The 1-based line of its last continuation line or heredoc terminator.
    public var endLine: Int
    /// The flags before the arguments (`--mount=type=cache,target=/root/.cache`), in order; a flag given without
    /// `=` has an empty value.
    public var flags: [DockerfileFlag]
    /// Everything after the keyword and the flags, with continuations joined and comments inside them dropped.
    public var arguments: String
    /// The arguments of the exec (JSON) form, when they are a JSON array of strings.
    public var execForm: [String]?
    /// The heredocs the instruction opens, in order.
    public var heredocs: [DockerfileHeredoc]
    /// For `ONBUILD`, the instruction it registers (one element); empty for every other keyword.
    public var triggers: [DockerfileInstruction]
    /// Rule IDs an inline `# plimsoll:ignore=ID[,ID]` comment suppresses for this instruction.
    public var ignoredRules: Set<String>
    /// The arguments with the variables in scope substituted; equal to `arguments` where substitution does not apply.
    public var expandedArguments: String

    /// Whether the instruction uses the shell form (`RUN apt-get update`) rather than the exec form.
    public var isShellForm: Bool { execForm == nil }

    /// The value of the last flag named `name` (without dashes), `""` for a bare flag, or `nil`.
    public func flag(_ name: String) -> String? {
        flags.last { $0.name == name }?.value
    }

    /// The arguments split into words as the shell form's file instructions (`COPY`, `ADD`) and `EXPOSE` read
    /// them: the exec form's strings, else the expanded text split on whitespace.
    public var words: [String] {
        if let execForm { return execForm }
        return expandedArguments.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
    }
}

/// A flag of an instruction: `--chown=app:app` is `chown` with value `app:app`.
public struct DockerfileFlag: Sendable, Equatable {
    /// The name without the leading dashes.
    public var name: String
    /// The value after `=`; empty for a bare flag (`--link`).
    public var value: String

    /// Creates a flag.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// A here-document: `<<EOF` on the instruction line, the lines up to `EOF` as its body.
public struct DockerfileHeredoc: Sendable, Equatable {
    /// The terminator word, without quotes.
    public var delimiter: String
    /// Whether the delimiter was quoted (`<<"EOF"`, `<<'EOF'`), so the body is not expanded.
    public var isQuoted: Bool
    /// Whether it was `<<-`, so leading tabs were stripped from the body and the terminator.
    public var stripsLeadingTabs: Bool
    /// The body, lines joined with `\n`, with a final `\n` when it has lines.
    public var body: String
    /// The 1-based line of the body's first line.
    public var line: Int
}
