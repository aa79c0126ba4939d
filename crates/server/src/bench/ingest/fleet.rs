//! The ingest benchmark's processes: one simulator, and N desks on one database whose webhooks it
//! delivers in turn, as a load balancer in front of them would.

use std::{
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
};

use anyhow::Context;

use super::super::{free_port, wait_up, NUMBER, SECRET};

/// The simulator and the desks, killed when the benchmark ends, however it ends.
pub(super) struct Fleet {
    dir: PathBuf,
    database_url: String,
    ports: Vec<u16>,
    desks: Vec<Child>,
    sim: Child,
    /// The simulator's base URL.
    pub(super) sim_url: String,
    /// Each desk's base URL.
    pub(super) desk_urls: Vec<String>,
    lives: usize,
}

impl Fleet {
    /// Starts the simulator, then `desks` desks sending at most `throughput_mps` per number each.
    pub(super) async fn start(
        dir: &Path,
        desks: usize,
        database_url: &str,
        throughput_mps: u32,
        http: &reqwest::Client,
    ) -> anyhow::Result<Fleet> {
        let ports: Vec<u16> = (0..desks).map(|_| free_port()).collect::<Result<_, _>>()?;
        let desk_urls: Vec<String> = ports
            .iter()
            .map(|p| format!("http://127.0.0.1:{p}"))
            .collect();
        let sim_port = free_port()?;
        let sim_url = format!("http://127.0.0.1:{sim_port}");
        let mut sim = Command::new(std::env::current_exe()?);
        sim.args(["sim", "--bind", &format!("127.0.0.1:{sim_port}")])
            .args(["--throughput-mps", "5000"]);
        for url in &desk_urls {
            sim.args(["--webhook-url", &format!("{url}/webhooks/whatsapp")]);
        }
        let sim = sim
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(dir.join("sim.log"))?)
            .spawn()
            .context("starting the simulator")?;
        let mut fleet = Fleet {
            dir: dir.to_path_buf(),
            database_url: database_url.to_string(),
            ports,
            desks: Vec::new(),
            sim,
            sim_url,
            desk_urls,
            lives: 0,
        };
        wait_up(http, &format!("{}/sandbox/api/stats", fleet.sim_url)).await?;
        fleet.start_desks(throughput_mps, http).await?;
        Ok(fleet)
    }

    /// Stops the desks (SIGKILL: nothing is owed by then) and starts them again with another throughput.
    pub(super) async fn restart_desks(
        &mut self,
        throughput_mps: u32,
        http: &reqwest::Client,
    ) -> anyhow::Result<()> {
        self.stop_desks();
        self.start_desks(throughput_mps, http).await
    }

    async fn start_desks(
        &mut self,
        throughput_mps: u32,
        http: &reqwest::Client,
    ) -> anyhow::Result<()> {
        self.lives += 1;
        let config = self.dir.join(format!("lifeline-{}.toml", self.lives));
        std::fs::write(
            &config,
            format!(
                "[sending]\nthroughput_mps = {throughput_mps}\nconcurrency = 64\n\
                 [greeting]\nenabled = true\n"
            ),
        )?;
        for (i, port) in self.ports.iter().enumerate() {
            if i == 1 {
                // The first desk migrates a fresh database alone: two desks creating the tables at the
                // same moment collide in PostgreSQL's catalogue (`pg_type_typname_nsp_index`).
                wait_up(http, &format!("{}/healthz", self.desk_urls[0])).await?;
            }
            let data = self.dir.join(format!("desk-{i}"));
            std::fs::create_dir_all(&data)?;
            let log = self.dir.join(format!("desk-{i}-{}.log", self.lives));
            let child = Command::new(std::env::current_exe()?)
                .args(["serve", "--config"])
                .arg(&config)
                .env("RUST_LOG", "warn")
                .env("LIFELINE_BIND", format!("127.0.0.1:{port}"))
                .env("LIFELINE_API_TOKEN", "bench-api-token")
                .env("LIFELINE_DATA_DIR", &data)
                .env("LIFELINE_DATABASE_URL", &self.database_url)
                .env(
                    "LIFELINE_WHATSAPP_API_BASE",
                    format!("{}/graph", self.sim_url),
                )
                .env("LIFELINE_WHATSAPP_PHONE_NUMBER_ID", NUMBER)
                .env("LIFELINE_WHATSAPP_ACCESS_TOKEN", "sandbox-access-token")
                .env("LIFELINE_WHATSAPP_APP_SECRET", SECRET)
                .stdout(Stdio::null())
                .stderr(std::fs::File::create(log)?)
                .spawn()
                .context("starting a desk")?;
            self.desks.push(child);
        }
        for url in &self.desk_urls {
            wait_up(http, &format!("{url}/healthz")).await?;
        }
        Ok(())
    }

    fn stop_desks(&mut self) {
        for mut c in self.desks.drain(..) {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    /// The desks' process ids, for their CPU time and memory.
    pub(super) fn desk_pids(&self) -> Vec<u32> {
        self.desks.iter().map(Child::id).collect()
    }

    pub(super) fn sim_pid(&self) -> u32 {
        self.sim.id()
    }
}

impl Drop for Fleet {
    fn drop(&mut self) {
        self.stop_desks();
        let _ = self.sim.kill();
        let _ = self.sim.wait();
    }
}
