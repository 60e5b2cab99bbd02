/// The name and version of this scanner, as reports and caches record it.
public enum ScannerIdentity {
    public static let name = "plimsoll"
    public static let version = "0.1.0"
}
