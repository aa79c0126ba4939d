//! The crash benchmark's processes: the simulator, and a desk that can be killed and started again.

use std::{
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::Duration,
};

use anyhow::Context;

use super::super::{wait_up, NUMBER, SECRET};
use super::{CrashArgs, LEASE};

/// The simulator, its receipts late by up to `--receipt-delay-max`, retrying webhooks for `retry_for`.
pub(super) fn start_simulator(
    args: &CrashArgs,
    dir: &Path,
    port: u16,
    desk: &str,
    retry_for: Duration,
) -> anyhow::Result<ChildGuard> {
    let log = std::fs::File::create(dir.join("sim.log"))?;
    let child = Command::new(std::env::current_exe()?)
        .args(["sim", "--bind", &format!("127.0.0.1:{port}")])
        .args(["--throughput-mps", "5000"])
        .args(["--webhook-url", &format!("{desk}/webhooks/whatsapp")])
        .args([
            "--receipt-delay-max",
            &format!("{}ms", args.receipt_delay_max.as_millis()),
        ])
        .args(["--webhook-retry-for", &format!("{}s", retry_for.as_secs())])
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .context("starting the simulator")?;
    Ok(ChildGuard(child))
}

/// Kills the simulator when the benchmark ends, however it ends.
pub(super) struct ChildGuard(Child);

impl Drop for ChildGuard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The desk as a process that can be killed and started again on the same data dir and database.
pub(super) struct Desk {
    command: Command,
    dir: PathBuf,
    child: Option<Child>,
    lives: usize,
}

impl Desk {
    pub(super) fn new(
        args: &CrashArgs,
        dir: &Path,
        port: u16,
        sim: &str,
        database_url: &str,
    ) -> anyhow::Result<Desk> {
        let config = dir.join("lifeline.toml");
        std::fs::write(
            &config,
            format!(
                "[sending]\nthroughput_mps = 5000\nconcurrency = 64\nlease = \"{}s\"\n\
                 settle_window = \"{}s\"\n[greeting]\nenabled = true\n",
                LEASE.as_secs(),
                args.settle_window.as_secs()
            ),
        )?;
        let mut command = Command::new(std::env::current_exe()?);
        command
            .arg("serve")
            .arg("--config")
            .arg(&config)
            .env("RUST_LOG", "warn,lifeline_server::workers::sender=info")
            .env("LIFELINE_BIND", format!("127.0.0.1:{port}"))
            .env("LIFELINE_DATA_DIR", dir)
            .env("LIFELINE_DATABASE_URL", database_url)
            .env("LIFELINE_WHATSAPP_API_BASE", format!("{sim}/graph"))
            .env("LIFELINE_WHATSAPP_PHONE_NUMBER_ID", NUMBER)
            .env("LIFELINE_WHATSAPP_ACCESS_TOKEN", "sandbox-access-token")
            .env("LIFELINE_WHATSAPP_APP_SECRET", SECRET)
            .stdout(Stdio::null());
        Ok(Desk {
            command,
            dir: dir.to_path_buf(),
            child: None,
            lives: 0,
        })
    }

    /// Starts the desk; each life logs to its own `desk-N.log`.
    pub(super) fn spawn(&mut self) -> anyhow::Result<()> {
        let log = std::fs::File::create(self.dir.join(format!("desk-{}.log", self.lives)))?;
        let child = self
            .command
            .stderr(log)
            .spawn()
            .context("starting the desk")?;
        self.child = Some(child);
        self.lives += 1;
        Ok(())
    }

    /// SIGKILL: no drain, no shutdown hook, as when the machine's OOM killer or an operator strikes.
    pub(super) fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// True when the current life has ended on its own (it could not bind its port, say).
    fn exited(&mut self) -> bool {
        self.child
            .as_mut()
            .is_none_or(|c| c.try_wait().ok().flatten().is_some())
    }
}

impl Drop for Desk {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Waits until the desk answers /healthz, starting it again if it died on the way up.
pub(super) async fn wait_for_desk(
    http: &reqwest::Client,
    url: &str,
    desk: &mut Desk,
) -> anyhow::Result<()> {
    for _ in 0..5 {
        if wait_up(http, &format!("{url}/healthz")).await.is_ok() {
            return Ok(());
        }
        if desk.exited() {
            desk.spawn()?;
        }
    }
    anyhow::bail!("the desk did not come back (see {})", desk.dir.display())
}
