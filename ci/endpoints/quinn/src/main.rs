//! QUIC interop endpoint (client and server) on quinn 0.9 and rustls 0.20.
//!
//! Honours the interop runner's endpoint contract: `ROLE`, `TESTCASE`, `REQUESTS`, `SSLKEYLOGFILE`
//! (rustls' `KeyLogFile` reads it); the server serves `/www` on UDP port 443 (IPv4 and IPv6) with
//! `/certs/cert.pem` and `/certs/priv.key`; the client stores each URL's body as
//! `/downloads/<URL path>`. HTTP/0.9 (`hq-interop`) only: no HTTP/3 crate ships with Debian.
//! Exit 0 = done, 127 = test case unsupported, 1 = failure.

use std::{
    fs,
    net::{SocketAddr, ToSocketAddrs},
    path::{Component, Path, PathBuf},
    sync::Arc,
    time::{Duration, SystemTime},
};

const UNSUPPORTED: i32 = 127;
const ALPN: &[u8] = b"hq-interop";
/// Upstream's resumption/zerortt clients give the server this long to send a session ticket.
const TICKET_WAIT: Duration = Duration::from_secs(10);
/// Test cases each role implements (TESTCASE values); anything else exits 127. quinn 0.9 has no
/// QUIC v2, no API to start a key update, and its server cannot announce a preferred address.
const SERVER_TESTS: &[&str] = &["handshake", "transfer", "retry", "resumption", "zerortt", "multiconnect", "chacha20", "ecn"];
const CLIENT_TESTS: &[&str] = SERVER_TESTS;

/// A failure of the test, printed as one line.
#[derive(Debug)]
struct Failure(String);

impl<E: std::error::Error> From<E> for Failure {
    /// The error with its chain of causes: quinn's "connection lost" says why (timed out, reset by the
    /// peer, a transport error and its reason) only in its source.
    fn from(error: E) -> Self {
        let mut message = error.to_string();
        let mut source = error.source();
        while let Some(cause) = source {
            message.push_str(": ");
            message.push_str(&cause.to_string());
            source = cause.source();
        }
        Failure(message)
    }
}

type Result<T> = std::result::Result<T, Failure>;

fn fail<T>(message: impl Into<String>) -> Result<T> {
    Err(Failure(message.into()))
}

fn main() {
    let role = std::env::var("ROLE").unwrap_or_default();
    let testcase = std::env::var("TESTCASE").unwrap_or_default();
    let supported = match role.as_str() {
        "client" => CLIENT_TESTS,
        "server" => SERVER_TESTS,
        _ => {
            println!("failed: ROLE must be client or server, got {role:?}");
            std::process::exit(1);
        }
    };
    if !supported.contains(&testcase.as_str()) {
        println!("unsupported test case: {testcase:?} is not implemented for the {role}");
        std::process::exit(UNSUPPORTED);
    }
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("tokio runtime");
    let outcome = runtime.block_on(async {
        if role == "client" {
            run_client(&testcase).await
        } else {
            run_server(&testcase).await
        }
    });
    if let Err(Failure(message)) = outcome {
        println!("failed: {message}");
        std::process::exit(1);
    }
}

/// Transport parameters common to both roles: a stream limit below upstream's 1000 for the
/// multiplexing check, and an idle timeout that survives upstream's blackhole phases.
fn transport() -> Arc<quinn::TransportConfig> {
    let mut transport = quinn::TransportConfig::default();
    transport.max_concurrent_bidi_streams(100u32.into());
    transport.max_idle_timeout(Some(Duration::from_secs(30).try_into().expect("idle timeout")));
    Arc::new(transport)
}

/// TLS 1.3 with all of rustls' suites, or only ChaCha20-Poly1305 for the chacha20 test.
fn cipher_suites(testcase: &str) -> Vec<rustls::SupportedCipherSuite> {
    if testcase == "chacha20" {
        vec![rustls::cipher_suite::TLS13_CHACHA20_POLY1305_SHA256]
    } else {
        rustls::DEFAULT_CIPHER_SUITES.to_vec()
    }
}

// Server

async fn run_server(testcase: &str) -> Result<()> {
    let certs = rustls_pemfile::certs(&mut &*fs::read("/certs/cert.pem")?)?;
    if certs.is_empty() {
        return fail("/certs/cert.pem holds no certificate");
    }
    let key = private_key(&fs::read("/certs/priv.key")?)?;
    let mut crypto = rustls::ServerConfig::builder()
        .with_cipher_suites(&cipher_suites(testcase))
        .with_safe_default_kx_groups()
        .with_protocol_versions(&[&rustls::version::TLS13])?
        .with_no_client_auth()
        .with_single_cert(certs.into_iter().map(rustls::Certificate).collect(), key)?;
    crypto.alpn_protocols = vec![ALPN.to_vec()];
    crypto.key_log = Arc::new(rustls::KeyLogFile::new());
    // 0-RTT needs tickets that allow early data; quinn requires exactly u32::MAX.
    crypto.max_early_data_size = u32::MAX;
    let mut config = quinn::ServerConfig::with_crypto(Arc::new(crypto));
    config.transport_config(transport());
    config.use_retry(testcase == "retry");
    // One socket per address family, not a dual-stack one: quinn-udp sets the ECN bits of IPv4
    // packets sent from an IPv6 socket to an IPv4-mapped address wrongly (they go out unmarked).
    let v4 = socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::DGRAM, None)?;
    v4.bind(&SocketAddr::from(([0, 0, 0, 0], 443)).into())?;
    let v6 = socket2::Socket::new(socket2::Domain::IPV6, socket2::Type::DGRAM, None)?;
    v6.set_only_v6(true)?;
    v6.bind(&SocketAddr::from(([0u16; 8], 443)).into())?;
    let mut listeners = Vec::new();
    for socket in [v4, v6] {
        let endpoint = quinn::Endpoint::new(quinn::EndpointConfig::default(), Some(config.clone()), socket.into(), quinn::TokioRuntime)?;
        listeners.push(tokio::spawn(accept_connections(endpoint)));
    }
    println!("quinn server listening on 0.0.0.0:443 and [::]:443");
    for listener in listeners {
        listener.await?;
    }
    Ok(())
}

async fn accept_connections(endpoint: quinn::Endpoint) {
    while let Some(connecting) = endpoint.accept().await {
        tokio::spawn(async move {
            if let Err(Failure(message)) = serve_connection(connecting).await {
                println!("connection failed: {message}");
            }
        });
    }
}

/// The first PKCS #8, SEC1 (upstream's `openssl ecparam -genkey`) or PKCS #1 key of a PEM file.
fn private_key(pem: &[u8]) -> Result<rustls::PrivateKey> {
    for item in rustls_pemfile::read_all(&mut &*pem)? {
        match item {
            rustls_pemfile::Item::PKCS8Key(der) | rustls_pemfile::Item::ECKey(der) | rustls_pemfile::Item::RSAKey(der) => {
                return Ok(rustls::PrivateKey(der))
            }
            _ => continue,
        }
    }
    fail("/certs/priv.key holds no private key")
}

async fn serve_connection(connecting: quinn::Connecting) -> Result<()> {
    // Accept 0-RTT when the client offers it (zerortt); otherwise this completes the handshake.
    let connection = match connecting.into_0rtt() {
        Ok((connection, _accepted)) => connection,
        Err(connecting) => connecting.await?,
    };
    loop {
        let (send, recv) = match connection.accept_bi().await {
            Ok(streams) => streams,
            Err(quinn::ConnectionError::ApplicationClosed(_)) | Err(quinn::ConnectionError::LocallyClosed) => return Ok(()),
            Err(error) => return fail(error.to_string()),
        };
        tokio::spawn(async move {
            if let Err(Failure(message)) = serve_request(send, recv).await {
                println!("request failed: {message}");
            }
        });
    }
}

async fn serve_request(mut send: quinn::SendStream, recv: quinn::RecvStream) -> Result<()> {
    let request = recv.read_to_end(64 * 1024).await?;
    let line = String::from_utf8_lossy(&request);
    let path = line.lines().next().unwrap_or("").strip_prefix("GET ").map(str::trim).unwrap_or("");
    match www_file(path) {
        Some(file) => {
            send.write_all(&fs::read(file)?).await?;
            send.finish().await?;
        }
        None => {
            println!("bad or unknown request {line:?}");
            // HTTP/0.9 has no status: refuse by resetting the stream (H3_REQUEST_REJECTED's value).
            send.reset(0x10Bu32.into())?;
        }
    }
    Ok(())
}

/// The file under /www a request path names, or None when it is missing or leaves /www.
fn www_file(path: &str) -> Option<PathBuf> {
    let relative = Path::new(path.trim_start_matches('/'));
    if path.is_empty() || relative.components().any(|c| !matches!(c, Component::Normal(_))) {
        return None;
    }
    let file = Path::new("/www").join(relative);
    file.is_file().then_some(file)
}

// Client

/// Accepts the runner's certificate without checking it, like upstream's clients.
struct AcceptAnyCertificate;

impl rustls::client::ServerCertVerifier for AcceptAnyCertificate {
    fn verify_server_cert(
        &self,
        _end_entity: &rustls::Certificate,
        _intermediates: &[rustls::Certificate],
        _server_name: &rustls::ServerName,
        _scts: &mut dyn Iterator<Item = &[u8]>,
        _ocsp_response: &[u8],
        _now: SystemTime,
    ) -> std::result::Result<rustls::client::ServerCertVerified, rustls::Error> {
        Ok(rustls::client::ServerCertVerified::assertion())
    }
}

/// One request URL: where it goes and which file its body is stored in.
struct Request {
    host: String,
    port: u16,
    path: String,
}

impl Request {
    fn parse(url: &str) -> Result<Request> {
        let rest = url.strip_prefix("https://").ok_or_else(|| Failure(format!("request URL {url:?} is not https")))?;
        let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        let (host, port) = if let Some(bracketed) = authority.strip_prefix('[') {
            let (host, port) = bracketed.split_once(']').ok_or_else(|| Failure(format!("bad host in {url:?}")))?;
            (host.to_string(), port.strip_prefix(':').unwrap_or("443").to_string())
        } else {
            match authority.rsplit_once(':') {
                Some((host, port)) => (host.to_string(), port.to_string()),
                None => (authority.to_string(), "443".to_string()),
            }
        };
        let port = port.parse().map_err(|_| Failure(format!("bad port in {url:?}")))?;
        let path = path.split('?').next().unwrap_or("").to_string();
        let relative = Path::new(path.trim_start_matches('/'));
        if relative.as_os_str().is_empty() || relative.components().any(|c| !matches!(c, Component::Normal(_))) {
            return fail(format!("request URL {url:?} has no usable file path"));
        }
        Ok(Request { host, port, path })
    }
}

async fn run_client(testcase: &str) -> Result<()> {
    let urls: Vec<String> = std::env::var("REQUESTS").unwrap_or_default().split_whitespace().map(String::from).collect();
    let requests = urls.iter().map(|url| Request::parse(url)).collect::<Result<Vec<_>>>()?;
    let first = requests.first().ok_or_else(|| Failure("REQUESTS is empty".into()))?;
    let (host, port) = (first.host.clone(), first.port);
    let remote = (host.as_str(), port).to_socket_addrs()?.next().ok_or_else(|| Failure(format!("cannot resolve {host}")))?;

    let mut crypto = rustls::ClientConfig::builder()
        .with_cipher_suites(&cipher_suites(testcase))
        .with_safe_default_kx_groups()
        .with_protocol_versions(&[&rustls::version::TLS13])?
        .with_custom_certificate_verifier(Arc::new(AcceptAnyCertificate))
        .with_no_client_auth();
    crypto.alpn_protocols = vec![ALPN.to_vec()];
    crypto.key_log = Arc::new(rustls::KeyLogFile::new());
    // The second connection of resumption/zerortt finds the first one's ticket in this cache.
    let tickets = Arc::new(TicketSignal {
        cache: rustls::client::ClientSessionMemoryCache::new(32),
        stored: tokio::sync::Notify::new(),
    });
    crypto.session_storage = tickets.clone();
    crypto.enable_early_data = testcase == "zerortt";
    let mut config = quinn::ClientConfig::new(Arc::new(crypto));
    config.transport_config(transport());
    let local: SocketAddr = if remote.is_ipv6() { "[::]:0" } else { "0.0.0.0:0" }.parse().expect("local address");
    let mut endpoint = quinn::Endpoint::client(local)?;
    endpoint.set_default_client_config(config);

    let client = Client { endpoint: &endpoint, remote, host: &host };
    match testcase {
        "resumption" | "zerortt" => {
            if requests.len() < 2 {
                return fail(format!("{testcase} needs at least 2 URLs, got {}", requests.len()));
            }
            let connection = client.connect(false).await?;
            fetch(&connection, &requests[..1]).await?;
            wait_for_ticket(&tickets).await?;
            connection.close(0u32.into(), b"");
            let connection = client.connect(testcase == "zerortt").await?;
            fetch(&connection, &requests[1..]).await?;
            connection.close(0u32.into(), b"");
        }
        "multiconnect" => {
            for request in &requests {
                let connection = client.connect(false).await?;
                fetch(&connection, std::slice::from_ref(request)).await?;
                connection.close(0u32.into(), b"");
            }
        }
        _ => {
            let connection = client.connect(false).await?;
            fetch(&connection, &requests).await?;
            connection.close(0u32.into(), b"");
        }
    }
    // Lets the CONNECTION_CLOSE frames go out before the process exits.
    endpoint.wait_idle().await;
    Ok(())
}

/// Connects to the server, optionally sending requests as 0-RTT data.
struct Client<'a> {
    endpoint: &'a quinn::Endpoint,
    remote: SocketAddr,
    host: &'a str,
}

impl Client<'_> {
    async fn connect(&self, early: bool) -> Result<quinn::Connection> {
        let connecting = self.endpoint.connect(self.remote, self.host)?;
        if early {
            return match connecting.into_0rtt() {
                Ok((connection, _accepted)) => Ok(connection),
                Err(_) => fail("no 0-RTT possible: the first connection left no usable session ticket"),
            };
        }
        Ok(connecting.await?)
    }
}

/// rustls' in-memory session cache that also signals each stored session ticket, so the client
/// knows when it can close the first connection of resumption/zerortt (quinn has no such event).
struct TicketSignal {
    cache: Arc<rustls::client::ClientSessionMemoryCache>,
    stored: tokio::sync::Notify,
}

impl rustls::client::StoresClientSessions for TicketSignal {
    fn put(&self, key: Vec<u8>, value: Vec<u8>) -> bool {
        // rustls keys tickets "session" + server name; "kx-hint" entries are not tickets.
        let ticket = key.starts_with(b"session");
        let stored = self.cache.put(key, value);
        if ticket && stored {
            self.stored.notify_one();
        }
        stored
    }

    fn get(&self, key: &[u8]) -> Option<Vec<u8>> {
        self.cache.get(key)
    }
}

/// Waits up to TICKET_WAIT for the server's session ticket.
async fn wait_for_ticket(tickets: &TicketSignal) -> Result<()> {
    tokio::time::timeout(TICKET_WAIT, tickets.stored.notified())
        .await
        .map_err(|_| Failure("no session ticket received".into()))
}

/// Sends every request on its own stream (quinn waits for stream credit) and stores the bodies.
async fn fetch(connection: &quinn::Connection, requests: &[Request]) -> Result<()> {
    let mut tasks = Vec::new();
    for request in requests {
        let connection = connection.clone();
        let path = request.path.clone();
        tasks.push(tokio::spawn(async move {
            let (mut send, recv) = connection.open_bi().await?;
            send.write_all(format!("GET {path}\r\n").as_bytes()).await?;
            send.finish().await?;
            let body = recv.read_to_end(usize::MAX).await?;
            let target = Path::new("/downloads").join(path.trim_start_matches('/'));
            if let Some(parent) = target.parent() {
                fs::create_dir_all(parent)?;
            }
            fs::write(&target, body)?;
            Ok::<(), Failure>(())
        }));
    }
    for (task, request) in tasks.into_iter().zip(requests) {
        task.await?.map_err(|Failure(message)| Failure(format!("{}: {message}", request.path)))?;
    }
    Ok(())
}
