//! Tying the desk to the built-in WhatsApp sandbox (demo, tests, benchmark).

use std::path::Path;

use lifeline_sandbox::SimConfig;

use crate::config::{Config, NumberConfig, Secret};

/// A desk configuration that talks to the simulator at `graph_base` for every number it hosts.
pub fn desk_config_for(sim: &SimConfig, graph_base: &str, data_dir: &Path) -> Config {
    Config {
        data_dir: data_dir.to_path_buf(),
        api_token: Secret::new(uuid::Uuid::new_v4().simple().to_string()),
        numbers: sim
            .numbers
            .iter()
            .map(|n| NumberConfig {
                phone_number_id: n.phone_number_id.clone(),
                display_phone_number: n.display_phone_number.clone(),
                waba_id: Some(n.waba_id.clone()),
                access_token: Secret::new(n.access_token.clone()),
                app_secret: Secret::new(n.app_secret.clone()),
                verify_token: Secret::new("sandbox-verify-token"),
                api_base: graph_base.to_string(),
                api_version: sim.api_version.clone(),
                throughput_mps: Some(sim.throughput_mps),
            })
            .collect(),
        ..Config::default()
    }
}
