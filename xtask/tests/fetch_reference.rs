//! `cargo xtask fetch-reference` against a loopback HTTP server that serves the pages of
//! `shared/api-reference/` at their docs.aws.amazon.com addresses: no network beyond 127.0.0.1.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fs;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// The read-only reference material beside the checkout (`shared/`).
fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared")
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Guide path on the site → folder of `shared/api-reference/`.
const GUIDES: &[(&str, &str)] = &[
    ("cloudhsm/latest/APIReference", "cloudhsmv2"),
    ("aws-backup/latest/APIReference", "backup"),
    ("amazondynamodb/latest/APIReference", "dynamodb"),
];

fn guide_of(service: &str) -> &'static str {
    GUIDES.iter().find(|(_, s)| *s == service).map(|(g, _)| *g).unwrap()
}

// ---------------------------------------------------------------------------------------------
// The server

#[derive(Default)]
struct State {
    /// Every request: path (without the leading `/`), status, when it arrived.
    log: Vec<(String, u16, Instant)>,
    /// Paths answered 404 although the file exists.
    hidden: HashSet<String>,
    /// Path → (status, how many more times to answer it instead of the page).
    failures: HashMap<String, (u16, u32)>,
}

struct Server {
    port: u16,
    state: Arc<Mutex<State>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    fn start(state: State) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        listener.set_nonblocking(true).unwrap();
        let state = Arc::new(Mutex::new(state));
        let stop = Arc::new(AtomicBool::new(false));
        let thread = {
            let (state, stop) = (state.clone(), stop.clone());
            std::thread::spawn(move || {
                // Stops when the test drops the server, and in any case after a minute.
                let deadline = Instant::now() + Duration::from_secs(60);
                while !stop.load(Ordering::SeqCst) && Instant::now() < deadline {
                    match listener.accept() {
                        Ok((stream, _)) => handle(stream, &state),
                        Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                            std::thread::sleep(Duration::from_millis(1))
                        }
                        Err(_) => break,
                    }
                }
            })
        };
        Server { port, state, stop, thread: Some(thread) }
    }

    fn base(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn url(&self, path: &str) -> String {
        format!("{}/{path}", self.base())
    }

    /// The log so far, emptied.
    fn take_log(&self) -> Vec<(String, u16, Instant)> {
        std::mem::take(&mut self.state.lock().unwrap().log)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// One request per connection (`Connection: close`).
fn handle(mut stream: TcpStream, state: &Mutex<State>) {
    let arrived = Instant::now();
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let _ = stream.set_write_timeout(Some(Duration::from_secs(5)));
    let mut head = Vec::new();
    let mut buf = [0u8; 4096];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 64 * 1024 {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
    let head = String::from_utf8_lossy(&head);
    let path = head.split_whitespace().nth(1).unwrap_or("/").trim_start_matches('/').to_string();
    let (status, body) = respond(&path, state);
    state.lock().unwrap().log.push((path, status, arrived));
    let reason = match status {
        200 => "OK",
        404 => "Not Found",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    };
    let header = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: text/markdown; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(header.as_bytes());
    let _ = stream.write_all(&body);
}

fn respond(path: &str, state: &Mutex<State>) -> (u16, Vec<u8>) {
    let mut state = state.lock().unwrap();
    if let Some((status, times)) = state.failures.get_mut(path) {
        if *times > 0 {
            *times -= 1;
            return (*status, b"failure".to_vec());
        }
    }
    if state.hidden.contains(path) {
        return (404, b"not found".to_vec());
    }
    for (guide, folder) in GUIDES {
        let Some(file) = path.strip_prefix(guide).and_then(|p| p.strip_prefix('/')) else { continue };
        if file.contains('/') || file.starts_with('.') {
            break;
        }
        if let Ok(bytes) = fs::read(shared().join("api-reference").join(folder).join(file)) {
            return (200, bytes);
        }
    }
    (404, b"not found".to_vec())
}

// ---------------------------------------------------------------------------------------------
// Running the command

struct Run {
    ok: bool,
    stdout: String,
    stderr: String,
}

/// A scratch docs folder holding the boto3 client pages of `services`.
fn scratch(label: &str, services: &[&str]) -> PathBuf {
    let root = std::env::temp_dir().join(format!("awsdoc-fetch-{label}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&root);
    for service in services {
        copy_dir(
            &workspace().join("docs-input").join(service).join("client"),
            &root.join("docs").join(service).join("client"),
        );
    }
    fs::create_dir_all(root.join("docs")).unwrap();
    root
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.path().is_file() {
            fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

fn xtask(root: &Path, args: &[&str]) -> Run {
    let (out, err) = (root.join("stdout.txt"), root.join("stderr.txt"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("fetch-reference")
        .args(args)
        .args(["--docs".as_ref(), root.join("docs").as_os_str()])
        .env_remove("HTTP_PROXY")
        .env_remove("http_proxy")
        .env_remove("HTTPS_PROXY")
        .env_remove("https_proxy")
        .env_remove("ALL_PROXY")
        .env_remove("all_proxy")
        .stdin(Stdio::null())
        .stdout(fs::File::create(&out).unwrap())
        .stderr(fs::File::create(&err).unwrap())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("fetch-reference {args:?} did not finish in 60 s");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    Run { ok: status.success(), stdout: fs::read_to_string(out).unwrap(), stderr: fs::read_to_string(err).unwrap() }
}

fn file_names(dir: &Path) -> BTreeSet<String> {
    fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect()
}

/// Every page of `shared/api-reference/<service>/` but `except` is in the folder, byte for
/// byte, and nothing else is (but SOURCES.md).
fn assert_same_pages(reference: &Path, service: &str, except: &[&str]) {
    let source = shared().join("api-reference").join(service);
    let mut expected: BTreeSet<String> =
        file_names(&source).into_iter().filter(|f| !except.contains(&f.as_str())).collect();
    expected.insert("SOURCES.md".into());
    assert_eq!(file_names(reference), expected, "{service}: the folder's files");
    for file in expected.iter().filter(|f| *f != "SOURCES.md") {
        assert!(
            fs::read(reference.join(file)).unwrap() == fs::read(source.join(file)).unwrap(),
            "{service}/{file} differs"
        );
    }
}

fn paths_with(log: &[(String, u16, Instant)], status: u16) -> BTreeSet<String> {
    log.iter().filter(|(_, s, _)| *s == status).map(|(p, _, _)| p.clone()).collect()
}

// ---------------------------------------------------------------------------------------------

#[test]
fn fetches_every_page_once_and_resumes() {
    let hidden = format!("{}/API_GetPITRMalwareScanResults.md", guide_of("backup"));
    let flaky = format!("{}/API_Hsm.md", guide_of("cloudhsmv2"));
    let server = Server::start(State {
        hidden: [hidden.clone()].into(),
        failures: [(flaky.clone(), (503, 1))].into(),
        ..State::default()
    });
    let root = scratch("resume", &["cloudhsmv2", "backup"]);
    let docs = root.join("docs");
    // What an interrupted run leaves is cleaned up.
    fs::create_dir_all(docs.join("cloudhsmv2/reference")).unwrap();
    fs::write(docs.join("cloudhsmv2/reference/.API_Tag.md.part"), "half a pa").unwrap();
    let base = server.base();
    let args = ["cloudhsmv2", "backup", "--base-url", &base, "--rate", "1000"];

    // First run: everything the indexes, the pages and the boto3 pages reach.
    let run = xtask(&root, &args);
    assert!(run.ok, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("cloudhsmv2: 30 pages downloaded, 0 already present, 0 missing in"), "{}", run.stdout);
    assert!(
        run.stdout.contains(
            "backup: 190 pages downloaded, 0 already present, 1 missing (API_GetPITRMalwareScanResults.md) in"
        ),
        "{}",
        run.stdout
    );
    // An operation the boto3 pages have and the site lacks: a warning naming it.
    let warning = format!(
        "warning: no API Reference page for operation GetPITRMalwareScanResults (HTTP 404 at {})",
        server.url(&hidden)
    );
    assert!(run.stderr.contains(&warning), "{}", run.stderr);
    // A 503 is retried.
    assert!(
        run.stderr.contains(&format!("warning: {}: HTTP 503 Service Unavailable; trying again", server.url(&flaky))),
        "{}",
        run.stderr
    );
    assert_same_pages(&docs.join("cloudhsmv2/reference"), "cloudhsmv2", &[]);
    // All 191 pages of Backup but the hidden one: the 7 access-point and PITR pages the April index
    // does not list come from the boto3 pages, and ListAccessPointsMember from their links.
    assert_same_pages(&docs.join("backup/reference"), "backup", &["API_GetPITRMalwareScanResults.md"]);
    for (service, guide) in [("cloudhsmv2", guide_of("cloudhsmv2")), ("backup", guide_of("backup"))] {
        let sources = fs::read_to_string(docs.join(service).join("reference/SOURCES.md")).unwrap();
        for needed in [
            "© Amazon Web Services, Inc. or its affiliates",
            "CC BY-SA 4.0",
            "https://creativecommons.org/licenses/by-sa/4.0/",
            &format!("{base}/{guide}/"),
        ] {
            assert!(sources.contains(needed), "{service} SOURCES.md lacks `{needed}`:\n{sources}");
        }
        let date = sources.split("last on ").nth(1).unwrap_or_default();
        assert!(date.len() > 10 && date.as_bytes()[4] == b'-' && date.as_bytes()[7] == b'-', "{sources}");
    }
    let log = server.take_log();
    // Only the two guides, never Backup gateway / search pages, each page fetched once.
    assert!(log.iter().all(|(p, _, _)| p.starts_with(guide_of("cloudhsmv2")) || p.starts_with(guide_of("backup"))));
    assert!(!log.iter().any(|(p, _, _)| p.contains("API_BGW_") || p.contains("API_BKS_")), "{log:?}");
    let ok = paths_with(&log, 200);
    assert_eq!(ok.len(), 30 + 190, "{ok:?}");
    assert_eq!(log.iter().filter(|(_, s, _)| *s == 200).count(), ok.len(), "a page was downloaded twice");
    assert_eq!(log.iter().filter(|(p, _, _)| *p == flaky).count(), 2);

    // Second run: nothing downloaded; only what the folder lacks is asked for, and the site still
    // lacks it: the hidden page and Backup's sub-service indexes.
    let run = xtask(&root, &args);
    assert!(run.ok, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("cloudhsmv2: 0 pages downloaded, 30 already present, 0 missing"), "{}", run.stdout);
    assert!(run.stdout.contains("backup: 0 pages downloaded, 190 already present, 1 missing"), "{}", run.stdout);
    assert!(run.stderr.contains(&warning), "{}", run.stderr);
    let log = server.take_log();
    assert!(paths_with(&log, 200).is_empty(), "{log:?}");
    let asked: BTreeSet<String> = log.iter().map(|(p, _, _)| p.clone()).collect();
    let expected: BTreeSet<String> = [
        hidden.clone(),
        format!("{}/API_Operations_AWS_Backup.md", guide_of("backup")),
        format!("{}/API_Types_AWS_Backup.md", guide_of("backup")),
    ]
    .into();
    assert_eq!(asked, expected);
    assert_eq!(log.len(), 3);

    // A deleted page, and only it, is fetched again.
    fs::remove_file(docs.join("cloudhsmv2/reference/API_Tag.md")).unwrap();
    fs::remove_file(docs.join("backup/reference/API_BackupJob.md")).unwrap();
    let run = xtask(&root, &args);
    assert!(run.ok, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("cloudhsmv2: 1 pages downloaded, 29 already present"), "{}", run.stdout);
    assert!(run.stdout.contains("backup: 1 pages downloaded, 189 already present"), "{}", run.stdout);
    let log = server.take_log();
    let expected: BTreeSet<String> =
        [format!("{}/API_Tag.md", guide_of("cloudhsmv2")), format!("{}/API_BackupJob.md", guide_of("backup"))].into();
    assert_eq!(paths_with(&log, 200), expected);
    assert_same_pages(&docs.join("cloudhsmv2/reference"), "cloudhsmv2", &[]);
    assert_same_pages(&docs.join("backup/reference"), "backup", &["API_GetPITRMalwareScanResults.md"]);
    // SOURCES.md's part was rewritten, not repeated.
    let sources = fs::read_to_string(docs.join("backup/reference/SOURCES.md")).unwrap();
    assert_eq!(sources.matches("CC BY-SA 4.0").count(), 1, "{sources}");
    assert!(sources.starts_with("# API Reference pages: sources\n\n<!-- fetch-reference: begin"), "{sources}");

    // --force downloads everything again.
    let forced: Vec<&str> = args.iter().copied().chain(["--force"]).collect();
    let run = xtask(&root, &forced);
    assert!(run.ok, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("cloudhsmv2: 30 pages downloaded, 0 already present, 0 missing"), "{}", run.stdout);
    assert!(run.stdout.contains("backup: 190 pages downloaded, 0 already present, 1 missing"), "{}", run.stdout);
    assert_eq!(paths_with(&server.take_log(), 200).len(), 30 + 190);
    assert_same_pages(&docs.join("backup/reference"), "backup", &["API_GetPITRMalwareScanResults.md"]);

    drop(server);
    let _ = fs::remove_dir_all(&root);
}

#[test]
fn dynamodb_keeps_to_its_own_sub_service() {
    let server = Server::start(State::default());
    let root = scratch("dynamodb", &["dynamodb"]);
    let reference = root.join("docs/dynamodb/reference");
    // A SOURCES.md already there keeps its text; the command adds its part.
    fs::create_dir_all(&reference).unwrap();
    fs::write(reference.join("SOURCES.md"), "# Sources\n\nWritten by hand.\n").unwrap();
    let base = server.base();
    let run = xtask(&root, &["dynamodb", "--base-url", &base, "--rate", "1000"]);
    assert!(run.ok, "{}{}", run.stdout, run.stderr);
    // The guide also documents DAX and DynamoDB Streams: none of their pages is asked for.
    let log = server.take_log();
    assert!(!log.iter().any(|(p, _, _)| p.contains("API_dax_") || p.contains("API_streams_")), "{log:?}");
    // Every page of the shared folder (which holds DynamoDB's only), the sub-service index included.
    assert_same_pages(&reference, "dynamodb", &[]);
    let sources = fs::read_to_string(reference.join("SOURCES.md")).unwrap();
    assert!(sources.starts_with("# Sources\n\nWritten by hand.\n\n<!-- fetch-reference: begin"), "{sources}");
    assert!(sources.contains(&format!("<{base}/{}/>", guide_of("dynamodb"))), "{sources}");
    assert!(sources.ends_with("<!-- fetch-reference: end -->\n"), "{sources}");
    // The boto3 pages' bulk operations have no page on this (older) site.
    for op in ["CancelBulkOperation", "DescribeBulkOperation", "ListBulkOperations", "StartBulkPutItems"] {
        let warning = format!(
            "warning: no API Reference page for operation {op} (HTTP 404 at {})",
            server.url(&format!("{}/API_{op}.md", guide_of("dynamodb")))
        );
        assert!(run.stderr.contains(&warning), "{}", run.stderr);
    }
    assert!(run.stdout.contains("dynamodb: 188 pages downloaded, 0 already present, 4 missing"), "{}", run.stdout);
    drop(server);
    let _ = fs::remove_dir_all(&root);
}

#[test]
fn clear_errors() {
    let index = format!("{}/API_Types.md", guide_of("cloudhsmv2"));
    let server = Server::start(State { failures: [(index.clone(), (500, u32::MAX))].into(), ..State::default() });
    let root = scratch("errors", &["cloudhsmv2"]);
    let base = server.base();

    // A guide without an operations index: the URL, the guide, and what to do.
    let run = xtask(&root, &["cloudhsmv2", "--guide", "nosuchguide", "--base-url", &base]);
    assert!(!run.ok);
    let url = format!("{base}/nosuchguide/latest/APIReference/API_Operations.md");
    for needed in [url.as_str(), "HTTP 404", "guide `nosuchguide/latest/APIReference`", "--guide NAME"] {
        assert!(run.stderr.contains(needed), "lacks `{needed}`: {}", run.stderr);
    }
    assert!(!root.join("docs/cloudhsmv2/reference").exists(), "a failed first run leaves no folder");

    // A status other than 404: tried three times, then an error with the status and the URL.
    let run = xtask(&root, &["cloudhsmv2", "--base-url", &base, "--rate", "1000"]);
    assert!(!run.ok);
    let error = format!("{}: HTTP 500 Internal Server Error (tried 3 times)", server.url(&index));
    assert!(run.stderr.contains(&error), "{}", run.stderr);
    assert_eq!(server.take_log().iter().filter(|(p, _, _)| *p == index).count(), 3);

    // Nothing listening: one error saying so, non-zero exit.
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let closed = format!("http://127.0.0.1:{port}");
    let offline = scratch("offline", &["cloudhsmv2", "backup"]);
    let run = xtask(&offline, &["cloudhsmv2", "backup", "--base-url", &closed]);
    let _ = fs::remove_dir_all(&offline);
    assert!(!run.ok);
    let url = format!("{closed}/{}/API_Operations.md", guide_of("cloudhsmv2"));
    for needed in [format!("127.0.0.1:{port} could not be reached"), url, "needs network access".into()] {
        assert!(run.stderr.contains(&needed), "lacks `{needed}`: {}", run.stderr);
    }
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    assert!(run.stdout.is_empty(), "{}", run.stdout);

    // An unknown service: the known ones, before any request.
    let run = xtask(&root, &["cloudhsmv2", "nosuchservice", "--base-url", &closed]);
    assert!(!run.ok);
    for needed in ["unknown service `nosuchservice`", "--guide", "backup, ", "cloudhsmv2", "dynamodb", "iam", "sts"] {
        assert!(run.stderr.contains(needed), "lacks `{needed}`: {}", run.stderr);
    }
    assert!(!run.stderr.contains("could not be reached"), "{}", run.stderr);

    drop(server);
    let _ = fs::remove_dir_all(&root);
}

#[test]
fn requests_are_paced() {
    let server = Server::start(State::default());
    let root = scratch("rate", &["cloudhsmv2"]);
    let base = server.base();
    let run = xtask(&root, &["cloudhsmv2", "--base-url", &base, "--rate", "50"]);
    assert!(run.ok, "{}{}", run.stdout, run.stderr);
    let log = server.take_log();
    assert!(log.len() >= 30, "{log:?}");
    // 50 a second: 20 ms apart (loopback jitter allowed for).
    let gaps: Vec<Duration> = log.windows(2).map(|w| w[1].2 - w[0].2).collect();
    // Any five consecutive gaps take 100 ms; arrival times jitter a little at the ends of a window.
    for window in gaps.windows(5) {
        assert!(window.iter().sum::<Duration>() >= Duration::from_millis(80), "{gaps:?}");
    }
    let span = log.last().unwrap().2 - log[0].2;
    assert!(span >= Duration::from_millis(18 * gaps.len() as u64), "{span:?} for {} gaps", gaps.len());
    drop(server);
    let _ = fs::remove_dir_all(&root);
}
