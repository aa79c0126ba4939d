//! A benchmark's database: a SQLite file in the desk's data dir, or a fresh PostgreSQL database per run,
//! dropped when the run ends.

use std::path::Path;

use anyhow::Context;

/// The run's database: a SQLite file in the data dir, or a fresh PostgreSQL database.
pub(super) struct BenchDb {
    /// What the desk is given as LIFELINE_DATABASE_URL.
    pub(super) desk_url: String,
    /// How the benchmark itself reads it.
    reader_url: String,
    /// The PostgreSQL server's URL and the database created on it.
    postgres: Option<(String, String)>,
}

impl BenchDb {
    /// `postgres`: the server on which a fresh database is created; None: `bench.db` in `dir`, the
    /// desk's data dir.
    pub(super) async fn create(postgres: Option<&str>, dir: &Path) -> anyhow::Result<BenchDb> {
        sqlx::any::install_default_drivers();
        let Some(server) = postgres else {
            return Ok(BenchDb {
                desk_url: "sqlite://bench.db".into(),
                reader_url: format!("sqlite://{}", dir.join("bench.db").display()),
                postgres: None,
            });
        };
        let name = format!(
            "lifeline_bench_{}",
            &uuid::Uuid::new_v4().simple().to_string()[..12]
        );
        let admin = sqlx::AnyPool::connect(server)
            .await
            .with_context(|| format!("connecting to {server}"))?;
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&admin)
            .await?;
        admin.close().await;
        let url = with_database(server, &name)?;
        Ok(BenchDb {
            desk_url: url.clone(),
            reader_url: url,
            postgres: Some((server.to_string(), name)),
        })
    }

    pub(super) async fn reader(&self) -> anyhow::Result<sqlx::AnyPool> {
        sqlx::any::AnyPoolOptions::new()
            .max_connections(2)
            .connect(&self.reader_url)
            .await
            .context("opening the desk's database")
    }

    /// ", database NAME" when there is one to mention.
    pub(super) fn named(&self) -> String {
        self.postgres
            .as_ref()
            .map(|(_, name)| format!(", PostgreSQL database {name}"))
            .unwrap_or_default()
    }

    pub(super) async fn drop(&self) {
        let Some((server, name)) = &self.postgres else {
            return;
        };
        if let Ok(admin) = sqlx::AnyPool::connect(server).await {
            let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .execute(&admin)
                .await;
            admin.close().await;
        }
    }
}

/// The server's URL naming another database: `postgres://u@host:5432/postgres?x=y` → `…/NAME?x=y`.
fn with_database(server: &str, name: &str) -> anyhow::Result<String> {
    let (base, query) = match server.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (server, None),
    };
    let host_at = base
        .find("://")
        .map(|i| i + 3)
        .context("the PostgreSQL URL has no scheme (postgres://…)")?;
    let base = match base[host_at..].find('/') {
        Some(i) => &base[..host_at + i],
        None => base,
    };
    Ok(match query {
        Some(query) => format!("{base}/{name}?{query}"),
        None => format!("{base}/{name}"),
    })
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn the_fresh_database_replaces_the_servers_own() {
        let url = |s| with_database(s, "lifeline_bench_x").unwrap();
        assert_eq!(
            url("postgres://postgres@127.0.0.1:5432/postgres"),
            "postgres://postgres@127.0.0.1:5432/lifeline_bench_x"
        );
        assert_eq!(
            url("postgres://u:p@db/postgres?sslmode=disable"),
            "postgres://u:p@db/lifeline_bench_x?sslmode=disable"
        );
        assert_eq!(url("postgres://db"), "postgres://db/lifeline_bench_x");
    }
}
