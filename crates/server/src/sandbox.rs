//! Tying the desk to the built-in WhatsApp sandbox (demo, tests, benchmark).

use std::path::Path;

use lifeline_sandbox::SimConfig;

use crate::config::{Config, NumberConfig, Secret, WhatsAppConfig};

/// Writes the demo store's orders into the data dir and configures them as the shop and the tracker.
pub fn add_demo_store(config: &mut Config) -> anyhow::Result<()> {
    std::fs::create_dir_all(&config.data_dir)?;
    let path = config.data_dir.join("demo-orders.json");
    std::fs::write(&path, lifeline_commerce::DEMO_ORDERS)?;
    let mut store = toml::Table::new();
    store.insert("name".into(), "demo".into());
    store.insert("kind".into(), "file".into());
    store.insert("path".into(), path.display().to_string().into());
    config.stores = vec![store];
    let mut tracking = toml::Table::new();
    tracking.insert("kind".into(), "file".into());
    tracking.insert("path".into(), path.display().to_string().into());
    config.tracking = Some(tracking);
    Ok(())
}

/// A desk configuration that talks to the simulator at `graph_base` for every number it hosts, and
/// fetches media from the simulator's own links.
pub fn desk_config_for(sim: &SimConfig, graph_base: &str, data_dir: &Path) -> Config {
    let mut whatsapp = WhatsAppConfig::default();
    whatsapp.media_hosts.push(sim.public_base.clone());
    Config {
        whatsapp,
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
