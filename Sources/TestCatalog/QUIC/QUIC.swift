/// The namespace of upstream's QUIC test cases (`testcases_quic.py`) and measurements.
public enum QUIC {}
