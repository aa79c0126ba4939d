//! A small cookie-keeping client for the web app's tests: it follows no redirects (so tests see
//! where each step sends them) and reads the CSRF token out of the forms it is shown.
#![allow(dead_code)]

use std::{collections::HashMap, sync::Mutex};

use lifeline_desk::Role;

use crate::common::app::TestApp;

/// One browser: its own cookies.
pub struct Browser {
    pub base: String,
    http: reqwest::Client,
    cookies: Mutex<HashMap<String, String>>,
    /// Sent with every request (`X-Forwarded-For`, say).
    extra: Vec<(String, String)>,
}

/// What a request returned.
pub struct Page {
    pub status: u16,
    pub location: String,
    pub body: String,
    pub set_cookies: Vec<String>,
}

impl Page {
    /// The value of the first `name="csrf"` field of the page.
    pub fn csrf(&self) -> String {
        field_value(&self.body, "csrf")
            .unwrap_or_else(|| panic!("no csrf field in:\n{}", self.body))
    }
}

/// The `value` of the input named `name` in `html`.
pub fn field_value(html: &str, name: &str) -> Option<String> {
    let at = html.find(&format!("name=\"{name}\" value=\""))?;
    let rest = &html[at + name.len() + 15..];
    rest.split('"').next().map(str::to_string)
}

impl Browser {
    pub fn new(base: &str) -> Browser {
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        Browser {
            base: base.to_string(),
            http,
            cookies: Mutex::new(HashMap::new()),
            extra: Vec::new(),
        }
    }

    /// A browser that sends `name: value` with every request.
    pub fn with_header(mut self, name: &str, value: &str) -> Browser {
        self.extra.push((name.to_string(), value.to_string()));
        self
    }

    fn headers(&self) -> reqwest::header::HeaderMap {
        let mut h = reqwest::header::HeaderMap::new();
        for (k, v) in &self.extra {
            h.insert(
                reqwest::header::HeaderName::from_bytes(k.as_bytes()).unwrap(),
                v.parse().unwrap(),
            );
        }
        h.insert("cookie", self.cookie_header().parse().unwrap());
        h
    }

    /// The `Cookie` header this browser sends.
    pub fn cookie_header(&self) -> String {
        self.cookies
            .lock()
            .unwrap()
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    async fn finish(&self, r: reqwest::Response) -> Page {
        let status = r.status().as_u16();
        let location = r
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        let set_cookies: Vec<String> = r
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok().map(str::to_string))
            .collect();
        for c in &set_cookies {
            let pair = c.split(';').next().unwrap_or("");
            if let Some((k, v)) = pair.split_once('=') {
                let mut jar = self.cookies.lock().unwrap();
                if v.is_empty() || c.contains("Max-Age=0") {
                    jar.remove(k);
                } else {
                    jar.insert(k.to_string(), v.to_string());
                }
            }
        }
        Page {
            status,
            location,
            body: r.text().await.unwrap_or_default(),
            set_cookies,
        }
    }

    /// A GET whose answer is read by the caller (a file, an event stream).
    pub async fn open(&self, path: &str) -> reqwest::Response {
        self.http
            .get(format!("{}{path}", self.base))
            .headers(self.headers())
            .send()
            .await
            .unwrap()
    }

    pub async fn get(&self, path: &str) -> Page {
        let r = self
            .http
            .get(format!("{}{path}", self.base))
            .headers(self.headers())
            .send()
            .await
            .unwrap();
        self.finish(r).await
    }

    pub async fn post(&self, path: &str, form: &[(&str, &str)]) -> Page {
        let r = self
            .http
            .post(format!("{}{path}", self.base))
            .headers(self.headers())
            .form(form)
            .send()
            .await
            .unwrap();
        self.finish(r).await
    }

    /// Email and password on the login form; returns the answer to the POST.
    pub async fn sign_in(&self, email: &str, password: &str) -> Page {
        let form = self.get("/login").await;
        assert_eq!(form.status, 200);
        self.post(
            "/login",
            &[
                ("csrf", &form.csrf()),
                ("email", email),
                ("password", password),
            ],
        )
        .await
    }

    /// The CSRF token of signed-in pages (read from the inbox).
    pub async fn csrf(&self) -> String {
        let p = self.get("/inbox").await;
        assert_eq!(p.status, 200, "not signed in: {} {}", p.status, p.location);
        p.csrf()
    }
}

/// Creates an account directly in the desk's store.
pub async fn person(app: &TestApp, email: &str, role: Role, password: &str) {
    let store = &app.running.as_ref().expect("the desk runs").state.store;
    lifeline_server::web::create_person(store, email, role, Some(password))
        .await
        .unwrap();
}

/// A signed-in browser for a new account of `role`.
pub async fn signed_in(app: &TestApp, email: &str, role: Role) -> Browser {
    person(app, email, role, "a long enough password").await;
    let b = Browser::new(&app.desk);
    let r = b.sign_in(email, "a long enough password").await;
    assert_eq!(
        (r.status, r.location.as_str()),
        (303, "/inbox"),
        "{}",
        r.body
    );
    b
}

/// The current code of a base32 TOTP secret, computed as an authenticator app does.
pub fn totp_code(secret_b32: &str, unix_secs: u64) -> String {
    let bytes = totp_rs::Secret::Encoded(secret_b32.to_string())
        .to_bytes()
        .unwrap();
    totp_rs::TOTP::new(totp_rs::Algorithm::SHA1, 6, 1, 30, bytes)
        .unwrap()
        .generate(unix_secs)
}

/// Now, in Unix seconds.
pub fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// "median 12.3 ms, p95 15.0 ms, max 20.1 ms" of some timings in milliseconds.
pub fn figures(mut ms: Vec<f64>) -> String {
    ms.sort_by(f64::total_cmp);
    let at = |q: f64| ms[((ms.len() - 1) as f64 * q).round() as usize];
    format!(
        "median {:.1} ms, p95 {:.1} ms, max {:.1} ms",
        at(0.5),
        at(0.95),
        at(1.0)
    )
}

/// Loads each page 20 times and prints its timings and HTML size (benchmarks print, never assert speed).
pub async fn time_pages(b: &Browser, pages: &[(&str, &str)]) {
    for (label, path) in pages {
        let mut ms = Vec::new();
        let mut bytes = 0;
        for _ in 0..20 {
            let t = std::time::Instant::now();
            let p = b.get(path).await;
            ms.push(t.elapsed().as_secs_f64() * 1000.0);
            assert_eq!(p.status, 200, "{path}");
            bytes = p.body.len();
        }
        println!(
            "{label:>16} {path}: {} ({bytes} bytes of HTML)",
            figures(ms)
        );
    }
}

/// Prints the first contentful paint of `url` in Chromium (through e2e/perf.mjs), when it is installed.
pub async fn first_paint(b: &Browser, url: &str) {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    if !root.join("e2e/node_modules/playwright-core").exists()
        || !std::path::Path::new("/usr/bin/chromium").exists()
    {
        println!("first paint: not measured (needs /usr/bin/chromium and `npm ci` in e2e/)");
        return;
    }
    let cookie = b.cookie_header();
    let value = cookie
        .split("lifeline_session=")
        .nth(1)
        .and_then(|s| s.split(';').next())
        .unwrap_or("")
        .to_string();
    let out = tokio::time::timeout(
        std::time::Duration::from_secs(120),
        tokio::process::Command::new("node")
            .args(["e2e/perf.mjs", url, "lifeline_session", &value])
            .current_dir(&root)
            .output(),
    )
    .await
    .expect("the browser run finishes")
    .unwrap();
    let runs: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    let fcp: Vec<f64> = runs
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| r["fcp_ms"].as_f64())
        .collect();
    if fcp.is_empty() {
        let why = String::from_utf8_lossy(&out.stderr);
        println!("first paint: not measured: {why}");
    } else {
        println!(
            "first contentful paint of {url} in Chromium ({} loads, debug build): {}",
            fcp.len(),
            figures(fcp)
        );
        println!("first load: {}", runs[0]);
    }
}

/// The conversation screen of `wa_id` once triage has opened its case: the case's reply box is the
/// screen's one composer, so neither the free-text form nor the template picker sits under the chat.
pub async fn case_screen(app: &TestApp, b: &Browser, wa_id: &str, conversation: i64) -> Page {
    crate::common::app::eventually(10, "the shopper's case", || async {
        let cases = app.api("/cases?all=true").await["cases"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        crate::common::app::case_of_shopper(app, cases, wa_id).await
    })
    .await;
    let page = b.get(&format!("/conversations/{conversation}")).await;
    assert_eq!(page.status, 200);
    assert!(!page.body.contains("id=\"composer\""), "{}", page.body);
    assert!(
        !page.body.contains("id=\"template-picker\""),
        "{}",
        page.body
    );
    assert!(page.body.contains("Reply on the case"), "{}", page.body);
    page
}
