//! moto_server for a test binary: the one copy of the process management, shared by the
//! runtime's `http_moto` tests and the generated clients' `moto_e2e` tests via `#[path]`.
//!
//! Needs `moto_server` from PyPI (`moto[server]==5.2.5`): the path in `AWSDOC_MOTO_SERVER`,
//! else `moto_server` on `PATH`. Without it the first test to ask for the server fails and
//! says how to install it (a missing server is a failure, never a skip).
//!
//! One server serves the whole binary: it starts on first use on a free loopback port, and
//! a shell watchdog stops it when the test process exits, however it exits (the watchdog's
//! stdin is a pipe from this process; when it closes, the watchdog kills moto).

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

const INSTALL: &str = "install it with:\n  python3 -m venv /work/cache/moto-venv\n  \
     /work/cache/moto-venv/bin/pip install 'moto[server]==5.2.5'\n\
     then set AWSDOC_MOTO_SERVER=/work/cache/moto-venv/bin/moto_server (or put moto_server on PATH)";

/// How long moto may take to start answering (it imports a lot of Python).
const STARTUP: Duration = Duration::from_secs(60);

struct Moto {
    url: String,
    log: PathBuf,
    /// The watchdog shell; its stdin closes when this process exits, and it then kills moto.
    _watchdog: Mutex<Child>,
}

/// The server's base URL (`http://127.0.0.1:<port>`), starting it on first use.
pub fn url() -> &'static str {
    &moto().url
}

/// The last lines of the server's log, for failure messages.
pub fn log_tail() -> String {
    tail(&moto().log)
}

fn tail(log: &Path) -> String {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(30)..].join("\n")
}

fn moto_executable() -> PathBuf {
    if let Some(path) = std::env::var_os("AWSDOC_MOTO_SERVER").filter(|p| !p.is_empty()) {
        let path = PathBuf::from(path);
        assert!(
            path.is_file(),
            "AWSDOC_MOTO_SERVER={} is not a file; {INSTALL}",
            path.display()
        );
        return path;
    }
    std::env::var_os("PATH")
        .and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|dir| dir.join("moto_server"))
                .find(|p| p.is_file())
        })
        .unwrap_or_else(|| {
            panic!("moto_server not found (AWSDOC_MOTO_SERVER is unset and it is not on PATH); {INSTALL}")
        })
}

fn moto() -> &'static Moto {
    static MOTO: OnceLock<Moto> = OnceLock::new();
    MOTO.get_or_init(|| {
        let executable = moto_executable();
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let log = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!(
            "moto-server-{}-{}.log",
            env!("CARGO_CRATE_NAME"),
            std::process::id()
        ));
        let log_file = std::fs::File::create(&log).unwrap();
        let mut watchdog = Command::new("sh")
            .arg("-c")
            .arg(r#""$0" "$@" & pid=$!; read _; kill $pid; wait $pid"#)
            .arg(&executable)
            .args(["-p", &port.to_string(), "-H", "127.0.0.1"])
            .stdin(Stdio::piped())
            .stdout(log_file.try_clone().unwrap())
            .stderr(log_file)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", executable.display()));
        let started = Instant::now();
        while !answers(port) {
            if started.elapsed() > STARTUP {
                panic!(
                    "moto_server did not answer on port {port} within {STARTUP:?}; its log:\n{}",
                    tail(&log)
                );
            }
            if let Ok(Some(status)) = watchdog.try_wait() {
                panic!("moto_server exited ({status}); its log:\n{}", tail(&log));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Moto {
            url: format!("http://127.0.0.1:{port}"),
            log,
            _watchdog: Mutex::new(watchdog),
        }
    })
}

/// Whether an HTTP server answers on the port.
fn answers(port: u16) -> bool {
    let Ok(mut stream) =
        TcpStream::connect_timeout(&([127, 0, 0, 1], port).into(), Duration::from_millis(500))
    else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    if stream
        .write_all(b"GET /moto-api/ HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
        .is_err()
    {
        return false;
    }
    let mut head = [0u8; 12];
    stream.read_exact(&mut head).is_ok() && head.starts_with(b"HTTP/1.")
}
