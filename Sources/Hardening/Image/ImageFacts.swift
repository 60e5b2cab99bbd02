import ScanModel

/// What the image-configuration rules read: the configuration and history of a built image, and how much each
/// layer's files are wasted by the layers above it.
///
/// The pipeline fills it from the image's configuration; the rules never see the image format.
public struct ImageFacts: Sendable {
    /// One build step of the history.
    public struct HistoryStep: Sendable, Hashable {
        /// The 0-based position in the configuration's `history`, empty layers counted.
        public var index: Int
        public var createdBy: String
        /// The layer the step made; `nil` for a step that made no layer (`ENV`, `USER`).
        public var layer: LayerReference?

        public init(index: Int, createdBy: String, layer: LayerReference? = nil) {
            self.index = index
            self.createdBy = createdBy
            self.layer = layer
        }
    }

    /// A file of one layer that a layer above deletes or replaces.
    public struct WastedFile: Sendable, Hashable {
        public var path: ImagePath
        public var size: Int64

        public init(path: ImagePath, size: Int64) {
            self.path = path
            self.size = size
        }
    }

    /// The bytes of one layer that layers above it delete or replace.
    public struct LayerWaste: Sendable, Hashable {
        public var layer: LayerReference
        public var wastedBytes: Int64
        /// The largest wasted files, largest first (at most a few).
        public var largestFiles: [WastedFile]

        public init(layer: LayerReference, wastedBytes: Int64, largestFiles: [WastedFile] = []) {
            self.layer = layer
            self.wastedBytes = wastedBytes
            self.largestFiles = largestFiles
        }
    }

    /// `User`; `nil` or empty means root.
    public var user: String?
    /// `Env`, `NAME=value` each.
    public var environment: [String]
    /// The 1-based positions in `environment` that the secret scanner already reported (its `config:Env` lines).
    public var environmentLinesReportedAsSecrets: Set<Int>
    public var labels: [String: String]
    /// `Healthcheck.Test`; `nil` when the image declares no health check.
    public var healthcheck: [String]?
    /// `ExposedPorts` keys (`22/tcp`, `8080`).
    public var exposedPorts: [String]
    public var history: [HistoryStep]
    /// Per layer, the bytes later layers delete or replace; only layers with some waste.
    public var waste: [LayerWaste]
    /// The bytes of every regular file of every layer.
    public var totalFileBytes: Int64

    public init(
        user: String? = nil, environment: [String] = [], environmentLinesReportedAsSecrets: Set<Int> = [],
        labels: [String: String] = [:], healthcheck: [String]? = nil, exposedPorts: [String] = [],
        history: [HistoryStep] = [], waste: [LayerWaste] = [], totalFileBytes: Int64 = 0
    ) {
        self.user = user
        self.environment = environment
        self.environmentLinesReportedAsSecrets = environmentLinesReportedAsSecrets
        self.labels = labels
        self.healthcheck = healthcheck
        self.exposedPorts = exposedPorts
        self.history = history
        self.waste = waste
        self.totalFileBytes = totalFileBytes
    }
}
