//! Fresh databases for tests: always a SQLite file, and a new PostgreSQL database when
//! `LIFELINE_TEST_POSTGRES_URL` is set.

use sqlx::{Connection, Executor};

/// A database URL for one test, with a label for messages.
pub struct TestDb {
    pub label: &'static str,
    pub url: String,
    _dir: Option<tempdir::Dir>,
}

pub mod tempdir {
    /// A temporary directory removed on drop.
    pub struct Dir(pub std::path::PathBuf);
    impl Dir {
        pub fn new() -> Dir {
            let p = std::env::temp_dir()
                .join(format!("lifeline-test-{}", uuid::Uuid::new_v4().simple()));
            std::fs::create_dir_all(&p).unwrap();
            Dir(p)
        }
    }
    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

/// A fresh SQLite database in a temporary directory.
pub fn sqlite() -> TestDb {
    let dir = tempdir::Dir::new();
    let url = format!("sqlite://{}", dir.0.join("lifeline.db").display());
    TestDb {
        label: "sqlite",
        url,
        _dir: Some(dir),
    }
}

/// A fresh PostgreSQL database, when the test environment names a server.
pub async fn postgres() -> Option<TestDb> {
    let admin = std::env::var("LIFELINE_TEST_POSTGRES_URL").ok()?;
    let name = format!("lifeline_test_{}", uuid::Uuid::new_v4().simple());
    let mut conn = sqlx::PgConnection::connect(&admin)
        .await
        .expect("LIFELINE_TEST_POSTGRES_URL is set but PostgreSQL cannot be reached");
    conn.execute(format!("CREATE DATABASE {name}").as_str())
        .await
        .unwrap();
    let base = admin
        .rsplit_once('/')
        .map(|(b, _)| b.to_string())
        .unwrap_or(admin.clone());
    Some(TestDb {
        label: "postgres",
        url: format!("{base}/{name}"),
        _dir: None,
    })
}

/// Every database the contract must hold on.
pub async fn all() -> Vec<TestDb> {
    let mut v = vec![sqlite()];
    v.extend(postgres().await);
    v
}

/// A shopper's conversation on number `200`, opened at `at` with a 24-hour window.
#[allow(dead_code)]
pub async fn conversation_for(store: &lifeline_server::store::Store, key: &str, at: i64) -> i64 {
    let mut tx = store.begin().await.unwrap();
    let (contact, _) = tx
        .upsert_contact(
            &lifeline_server::store::ContactFacts {
                contact_key: key.into(),
                wa_id: Some(key.into()),
                ..Default::default()
            },
            false,
        )
        .await
        .unwrap();
    let conv = tx
        .touch_conversation(contact, "200", at, 86_400_000)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    conv.id
}
