/// A header tag Plimsoll reads, numbered as in rpm's `include/rpm/rpmtag.h`.
public enum RPMTag: UInt32, Sendable, CaseIterable {
    case name = 1000
    case version = 1001
    case release = 1002
    case epoch = 1003
    case size = 1009
    case vendor = 1011
    case license = 1014
    case architecture = 1022
    case oldFileNames = 1027
    case sourceRPM = 1044
    case directoryIndexes = 1116
    case baseNames = 1117
    case directoryNames = 1118
    case longSize = 5009
    case modularityLabel = 5096

    /// The name rpm gives the tag (`NAME`, `SOURCERPM`).
    public var rpmName: String {
        switch self {
        case .name: "NAME"
        case .version: "VERSION"
        case .release: "RELEASE"
        case .epoch: "EPOCH"
        case .size: "SIZE"
        case .vendor: "VENDOR"
        case .license: "LICENSE"
        case .architecture: "ARCH"
        case .oldFileNames: "OLDFILENAMES"
        case .sourceRPM: "SOURCERPM"
        case .directoryIndexes: "DIRINDEXES"
        case .baseNames: "BASENAMES"
        case .directoryNames: "DIRNAMES"
        case .longSize: "LONGSIZE"
        case .modularityLabel: "MODULARITYLABEL"
        }
    }

    /// The rpm name of a known tag with its number, or just the number: `NAME (1000)`, `4711`.
    static func displayName(_ tag: UInt32) -> String {
        RPMTag(rawValue: tag).map { "\($0.rpmName) (\(tag))" } ?? "\(tag)"
    }
}

/// The type of an RPM header entry, numbered as in rpm's `rpmTagType`.
enum RPMEntryType: UInt32, Sendable {
    case null = 0
    case char = 1
    case int8 = 2
    case int16 = 3
    case int32 = 4
    case int64 = 5
    case string = 6
    case binary = 7
    case stringArray = 8
    case i18nString = 9

    /// The size of one value of a fixed-size type; `nil` for strings, whose values end at a NUL.
    var fixedSize: Int? {
        switch self {
        case .null: 0
        case .char, .int8, .binary: 1
        case .int16: 2
        case .int32: 4
        case .int64: 8
        case .string, .stringArray, .i18nString: nil
        }
    }
}
