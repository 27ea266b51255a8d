/// The namespace of upstream's WebTransport test cases (`testcases_webtransport.py`).
public enum WebTransport {
    /// The file in each endpoint's `/downloads` where it records the application protocol it negotiated.
    public static let negotiatedProtocolFile = "negotiated_protocol.txt"
}
