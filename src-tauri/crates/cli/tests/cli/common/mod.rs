//! What the command-line tests share: running `peerlib`, and `peerlib serve` as a real server.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};

pub fn peerlib(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_peerlib"));
    c.args(args)
        .env_remove("PEERLIB_DATA_DIR")
        .env_remove("PEERLIB_NETWORK")
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("peerlib runs")
}

/// `peerlib` in the language of `lang` with `input` on its standard input (not a terminal: each
/// passphrase it asks for is one line).
pub fn with_input(args: &[&str], input: &str, lang: &str) -> Output {
    with_input_env(args, input, lang, &[])
}

/// `with_input` with more environment (PEERLIB_NETWORK).
pub fn with_input_env(args: &[&str], input: &str, lang: &str, env: &[(&str, &str)]) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_peerlib"))
        .args(args)
        .envs(env.iter().copied())
        .env_remove("PEERLIB_DATA_DIR")
        .env("LANG", lang)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A command that needs no passphrase may end before reading: a closed pipe is fine.
    let _ = child.stdin.take().unwrap().write_all(input.as_bytes());
    child.wait_with_output().unwrap()
}

pub fn dir_arg(p: &Path) -> String {
    p.to_str().unwrap().to_string()
}

/// `peerlib serve DIR` on 127.0.0.1:0; killed when dropped.
pub struct Server {
    pub child: Child,
    pub addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn start(dir: &Path) -> Server {
    start_with(dir, &[], None)
}

/// `start` with more environment (the serve limits) and, when `open_files` is given, a process
/// allowed only that many file descriptors (set by the shell's `ulimit -n`, then exec'd, so the
/// child is `peerlib` itself).
pub fn start_with(dir: &Path, env: &[(&str, &str)], open_files: Option<u32>) -> Server {
    let mut command = match open_files {
        Some(n) => {
            let mut c = Command::new("sh");
            c.args(["-c", &format!("ulimit -n {n} && exec \"$0\" \"$@\""), env!("CARGO_BIN_EXE_peerlib")]);
            c
        }
        None => Command::new(env!("CARGO_BIN_EXE_peerlib")),
    };
    command.args(["serve", dir.to_str().unwrap(), "--addr", "127.0.0.1:0"]).env("LANG", "en_US.UTF-8").stdout(Stdio::piped());
    for (k, v) in env {
        command.env(k, v);
    }
    let mut child = command.spawn().unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let addr = line.split("http://").nth(1).and_then(|r| r.split('/').next()).unwrap_or_else(|| panic!("no address in {line:?}")).to_string();
    Server { child, addr }
}

/// A publisher made with `peerlib keygen`, publishing Markdown sources with `peerlib publish`.
pub struct Network {
    pub tmp: tempfile::TempDir,
}

impl Network {
    pub fn new() -> Network {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(tmp.path().join("src")).unwrap();
        let k = peerlib(&["keygen", "--secret-key", &dir_arg(&tmp.path().join("net.key")), "--public-key", &dir_arg(&tmp.path().join("net.pub"))], &[]);
        assert!(k.status.success());
        Network { tmp }
    }

    /// A network publishing `n` reports, r0 … r(n-1), once.
    pub fn with_reports(n: usize) -> Network {
        let net = Network::new();
        for i in 0..n {
            net.write_doc(&format!("r{i}"), &format!("Report {i}"), "Community-led harm reduction.");
        }
        net.publish();
        net
    }

    pub fn out(&self) -> std::path::PathBuf {
        self.tmp.path().join("site")
    }

    pub fn write_doc(&self, id: &str, title: &str, body: &str) {
        let md = format!("+++\ntitle = \"{title}\"\nkind = \"report\"\nlanguage = \"en\"\npublished = 2025-03-01\n+++\n{body}\n");
        std::fs::write(self.tmp.path().join("src").join(format!("{id}.md")), md).unwrap();
    }

    /// A document with one attachment, `files/<id>.pdf` holding `file`.
    pub fn write_doc_with_file(&self, id: &str, title: &str, body: &str, file: &[u8]) {
        std::fs::create_dir_all(self.tmp.path().join("src/files")).unwrap();
        std::fs::write(self.tmp.path().join(format!("src/files/{id}.pdf")), file).unwrap();
        let md = format!("+++\ntitle = \"{title}\"\nkind = \"report\"\nlanguage = \"en\"\npublished = 2025-03-01\nattachments = [ {{ path = \"files/{id}.pdf\", title = \"{title} (PDF)\" }} ]\n+++\n{body}\n");
        std::fs::write(self.tmp.path().join("src").join(format!("{id}.md")), md).unwrap();
    }

    pub fn publish(&self) {
        let p = peerlib(&["publish", &dir_arg(&self.tmp.path().join("src")), &dir_arg(&self.out()), "--secret-key", &dir_arg(&self.tmp.path().join("net.key"))], &[]);
        assert!(p.status.success(), "{}", String::from_utf8_lossy(&p.stderr));
    }

    /// network.toml for this feed served at `addr`; returns its path (for PEERLIB_NETWORK).
    pub fn network_toml(&self, addr: &str) -> String {
        let public = std::fs::read_to_string(self.tmp.path().join("net.pub")).unwrap();
        let key = public.lines().nth(1).unwrap().trim();
        let id = peerlib_feed::manifest::PinnedKey::parse(key).unwrap().id().to_string();
        let path = self.tmp.path().join("network.toml");
        std::fs::write(&path, format!("name = \"Test network\"\nfeed_url = \"http://{addr}/\"\n[[keys]]\nid = \"{id}\"\npublic_key = \"{key}\"\ncomment = \"test\"\n")).unwrap();
        dir_arg(&path)
    }
}

/// A server that answers every request with a sign-in page, as hotel Wi-Fi does; its address.
pub fn captive_portal() -> String {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    std::thread::spawn(move || {
        for mut s in listener.incoming().flatten() {
            let mut buf = [0u8; 4096];
            let _ = s.read(&mut buf);
            let body = "<!DOCTYPE html><html><body>Sign in to the hotel's Wi-Fi</body></html>";
            let _ = write!(s, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len());
        }
    });
    addr
}

/// A data folder synced once from a test network of `reports` documents served on 127.0.0.1.
pub struct Synced {
    pub dir: tempfile::TempDir,
    /// PEERLIB_NETWORK's value for every `peerlib` run on it.
    pub toml: String,
    pub server: Server,
    _net: Network,
}

impl Synced {
    pub fn new(reports: usize) -> Synced {
        let net = Network::with_reports(reports);
        let server = start(&net.out());
        let toml = net.network_toml(&server.addr);
        let dir = tempfile::tempdir().unwrap();
        let synced = peerlib(&["--data-dir", &dir_arg(dir.path()), "sync"], &[("PEERLIB_NETWORK", toml.as_str())]);
        assert!(synced.status.success(), "{}", String::from_utf8_lossy(&synced.stderr));
        Synced { dir, toml, server, _net: net }
    }

    pub fn arg(&self) -> String {
        dir_arg(self.dir.path())
    }
}
