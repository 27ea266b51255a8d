internal import CNetworkSimulator

#if canImport(Glibc)
    import Glibc
#endif

/// An AF_PACKET socket on one interface of the simulator namespace: receives every frame that arrives there and
/// sends complete Ethernet frames out of it.
final class PacketSocket {
    /// A socket call that failed.
    struct SocketError: Error, CustomStringConvertible {
        let operation: String
        /// The interface name, e.g. `eth0`.
        let interface: String
        let errno: Int32
        var description: String {
            "\(operation) on \(interface) failed: \(String(cString: strerror(errno)))"
        }
    }

    let interface: String
    /// The socket descriptor, for polling.
    let fd: Int32
    /// The interface's MAC address.
    let mac: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8)

    /// Opens and binds the socket on `interface` and reads its MAC address.
    init(interface: String) throws(SocketError) {
        self.interface = interface
        var address = [UInt8](repeating: 0, count: 6)
        let result = qir_packet_socket_open(interface, &address)
        guard result >= 0 else {
            throw SocketError(operation: "opening a packet socket", interface: interface, errno: -result)
        }
        fd = result
        mac = (address[0], address[1], address[2], address[3], address[4], address[5])
    }

    deinit { close(fd) }

    /// Receives up to `slots.count` frames; `lengths[i]` gets frame i's length and `timestamps[i]` its kernel
    /// arrival time (CLOCK_REALTIME nanoseconds, 0 if unknown). Returns the number received.
    func receive(
        into slots: [UnsafeMutablePointer<UInt8>?], slotSize: Int, lengths: inout [UInt32], timestamps: inout [UInt64]
    ) throws(SocketError) -> Int {
        let count = Int32(slots.count)
        let result = slots.withUnsafeBufferPointer { pointers in
            lengths.withUnsafeMutableBufferPointer { lengthBuffer in
                timestamps.withUnsafeMutableBufferPointer { stampBuffer in
                    qir_packet_receive_batch(
                        fd, pointers.baseAddress, slotSize, lengthBuffer.baseAddress, stampBuffer.baseAddress, count)
                }
            }
        }
        guard result >= 0 else { throw SocketError(operation: "recvmmsg", interface: interface, errno: -result) }
        return Int(result)
    }

    /// Sends the frames; returns how many the kernel accepted.
    func send(_ frames: [UnsafeMutablePointer<UInt8>?], lengths: [UInt32]) throws(SocketError) -> Int {
        guard !frames.isEmpty else { return 0 }
        let result = frames.withUnsafeBufferPointer { pointers in
            lengths.withUnsafeBufferPointer { lengthBuffer in
                qir_packet_send_batch(fd, pointers.baseAddress, lengthBuffer.baseAddress, Int32(frames.count))
            }
        }
        guard result >= 0 else { throw SocketError(operation: "sendmmsg", interface: interface, errno: -result) }
        return Int(result)
    }
}
