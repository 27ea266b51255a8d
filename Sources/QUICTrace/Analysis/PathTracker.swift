/// Follows the network paths one side uses, in capture order, as upstream's rebinding and migration checks do:
/// the first datagram on a path not used before is examined (does it carry PATH_CHALLENGE, does it use a new DCID).
public struct PathTracker: Sendable {
    /// Every path seen.
    public private(set) var paths: Set<NetworkPath> = []
    /// Paths whose first datagram (after the first path) had no PATH_CHALLENGE frame.
    public private(set) var newPathsWithoutChallenge: [NetworkPath] = []
    /// PATH_CHALLENGE data sent on the first datagram of each new path.
    public private(set) var challengesOnNewPaths: Set<[UInt8]> = []
    /// New paths whose first datagram reused the DCID of the previous path (client-side connection migration).
    public private(set) var newPathsWithReusedDCID: [NetworkPath] = []
    /// DCIDs taken on new paths, in order.
    public private(set) var destinationCIDChanges: [ConnectionID] = []
    private var last: NetworkPath?
    private var lastDCID: ConnectionID?

    /// Starts with no path.
    public init() {}

    /// Adds one datagram of the tracked side.
    public mutating func add(_ datagram: QUICDatagram) {
        let current = NetworkPath(source: datagram.source, destination: datagram.destination)
        let dcid = datagram.packets.first?.destinationCID
        guard let previous = last else {
            last = current
            lastDCID = dcid
            paths.insert(current)
            return
        }
        if previous != current, !paths.contains(current) {
            paths.insert(current)
            last = current
            let challenges = datagram.packets.flatMap(\.frames).compactMap { frame -> [UInt8]? in
                if case .pathChallenge(let data) = frame { return data }
                return nil
            }
            if challenges.isEmpty {
                newPathsWithoutChallenge.append(current)
            } else {
                challengesOnNewPaths.formUnion(challenges)
            }
            if dcid == lastDCID {
                newPathsWithReusedDCID.append(current)
            } else if let dcid {
                destinationCIDChanges.append(dcid)
            }
            lastDCID = dcid
        }
    }
}
