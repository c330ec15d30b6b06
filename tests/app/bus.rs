//! A private D-Bus bus for a test: a real dbus-daemon on a socket in a folder of the test's own,
//! stopped when dropped. Stand-in services (notifications, logind) are served on it.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

pub struct Bus {
    daemon: Child,
    /// The bus's address, for zbus's `connection::Builder::address` or DBUS_SESSION_BUS_ADDRESS.
    pub address: String,
}

impl Bus {
    /// Start a bus whose socket is in `dir`.
    pub fn start(dir: &Path) -> Bus {
        let mut daemon = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--print-address", &format!("--address=unix:path={}", dir.join("bus").display())])
            .stdout(Stdio::piped())
            .spawn()
            .expect("dbus-daemon is installed (make installs it)");
        let mut address = String::new();
        BufReader::new(daemon.stdout.take().unwrap()).read_line(&mut address).unwrap();
        Bus { daemon, address: address.trim().to_string() }
    }
}

impl Drop for Bus {
    fn drop(&mut self) {
        let _ = self.daemon.kill();
        let _ = self.daemon.wait();
    }
}
