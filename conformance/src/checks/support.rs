//! What several checks need: the station as the backend describes it, and a page walker.

use std::collections::{HashMap, HashSet};

use chrono::{Duration, FixedOffset, NaiveDate};
use station_wire::activities::{Activity, Category};
use station_wire::page::{List, Page};
use station_wire::problem::types;
use station_wire::sites::SiteNode;
use station_wire::station::StationInfo;

use crate::{CheckResult, Client};

pub fn ensure(condition: bool, message: impl FnOnce() -> String) -> CheckResult {
    if condition {
        Ok(())
    } else {
        Err(message())
    }
}

/// Fails unless the problem names `field` with `code` among its field errors.
pub fn ensure_field_error(
    problem: &station_wire::problem::Problem,
    field: &str,
    code: &str,
    what: &str,
) -> CheckResult {
    ensure(
        problem
            .errors
            .iter()
            .any(|e| e.field == field && e.code == code),
        || format!("{what}: want {field}/{code}, got {:?}", problem.errors),
    )
}

/// The station, its site tree and categories, as the backend reports them.
pub struct Station {
    pub info: StationInfo,
    pub roots: Vec<SiteNode>,
    pub categories: Vec<Category>,
}

impl Station {
    pub fn fetch(client: &Client) -> Result<Self, String> {
        let info: StationInfo = client.json("/api/v1/station")?;
        let roots = client.json::<List<SiteNode>>("/api/v1/sites")?.items;
        let categories = client.json::<List<Category>>("/api/v1/categories")?.items;
        Ok(Self {
            info,
            roots,
            categories,
        })
    }

    pub fn today(&self) -> NaiveDate {
        self.info.now.date_naive()
    }

    pub fn offset(&self) -> FixedOffset {
        *self.info.now.offset()
    }

    /// The window every calendar check looks at: today and the next 30 days.
    pub fn window(&self) -> (NaiveDate, NaiveDate) {
        (self.today(), self.today() + Duration::days(30))
    }

    pub fn sites(&self) -> Vec<&SiteNode> {
        fn visit<'a>(node: &'a SiteNode, out: &mut Vec<&'a SiteNode>) {
            out.push(node);
            for child in &node.children {
                visit(child, out);
            }
        }
        let mut out = Vec::new();
        for root in &self.roots {
            visit(root, &mut out);
        }
        out
    }

    pub fn parents(&self) -> HashMap<i64, Option<i64>> {
        self.sites()
            .into_iter()
            .map(|site| (site.id, site.parent_id))
            .collect()
    }

    /// The site and every site below it.
    pub fn subtree(&self, id: i64) -> HashSet<i64> {
        let mut ids = HashSet::new();
        if let Some(site) = self.sites().into_iter().find(|site| site.id == id) {
            let mut stack = vec![site];
            while let Some(site) = stack.pop() {
                ids.insert(site.id);
                stack.extend(site.children.iter());
            }
        }
        ids
    }

    /// The activities of the window (all pages), asserting there is at least one.
    pub fn window_activities(&self, client: &Client) -> Result<Vec<Activity>, String> {
        let (from, to) = self.window();
        let items = walk(client, &format!("from={from}&to={to}&limit=200"))?;
        ensure(!items.is_empty(), || {
            format!("no activity between {from} and {to}: the conformance suite needs at least one")
        })?;
        Ok(items)
    }
}

/// Follows `next_cursor` from the first page of `/api/v1/activities?{query}` to the last.
pub fn walk(client: &Client, query: &str) -> Result<Vec<Activity>, String> {
    let mut items = Vec::new();
    let mut seen_cursors = HashSet::new();
    let mut path = format!("/api/v1/activities?{query}");
    for _ in 0..2_000 {
        let page: Page<Activity> = client.json(&path)?;
        items.extend(page.items);
        match page.next_cursor {
            None => return Ok(items),
            Some(cursor) => {
                ensure(seen_cursors.insert(cursor.clone()), || {
                    format!(
                        "GET {path}: next_cursor `{cursor}` was already given: the walk would loop"
                    )
                })?;
                path = format!("/api/v1/activities?{query}&cursor={}", encode(&cursor));
            }
        }
    }
    Err(format!("`{query}`: still more pages after 2000"))
}

/// Percent-encodes a value for a query string (cursors are opaque and may hold anything).
pub fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (byte as char).to_string()
            }
            _ => format!("%{byte:02X}"),
        })
        .collect()
}

pub fn ids(items: &[Activity]) -> Vec<i64> {
    items.iter().map(|activity| activity.id).collect()
}

/// A phone number no earlier run is likely to have used: `170` and eight digits from the clock
/// and a counter. (The contract has no way to delete accounts, so every run makes new ones.)
pub fn fresh_phone() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::OnceLock;
    static BASE: OnceLock<u64> = OnceLock::new();
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let base = *BASE.get_or_init(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|elapsed| elapsed.as_micros() as u64)
            .unwrap_or_default()
    });
    let n = (base + COUNTER.fetch_add(1, Ordering::Relaxed) * 7_919) % 100_000_000;
    format!("170{n:08}")
}

/// An account the check registered itself, signed in.
pub struct Volunteer {
    pub id: i64,
    pub phone: String,
    pub password: String,
    pub token: String,
}

pub const PASSWORD: &str = "conformance-pass";

/// Registers a new account (`POST /api/v1/accounts`) and answers it signed in.
pub fn register(client: &Client) -> Result<Volunteer, String> {
    let phone = fresh_phone();
    let body = serde_json::json!({
        "display_name": "一致性测试志愿者",
        "phone": phone,
        "password": PASSWORD,
        "privacy_notice": station_wire::privacy::PRIVACY_NOTICE_VERSION,
    });
    let session: station_wire::accounts::Session = client
        .send("POST", "/api/v1/accounts", None, Some(&body))?
        .json("POST /api/v1/accounts", 201)?;
    Ok(Volunteer {
        id: session.account.id,
        phone,
        password: PASSWORD.to_owned(),
        token: session.token,
    })
}

/// Signs in (`POST /api/v1/sessions`) and answers the new token.
pub fn sign_in(client: &Client, phone: &str, password: &str) -> Result<String, String> {
    let body = serde_json::json!({"phone": phone, "password": password});
    let session: station_wire::accounts::Session = client
        .send("POST", "/api/v1/sessions", None, Some(&body))?
        .json("POST /api/v1/sessions", 201)?;
    Ok(session.token)
}

/// `path` (with its query) is refused with a validation problem naming exactly these fields,
/// in any order.
pub fn refused_at(
    client: &Client,
    path: &str,
    status: u16,
    expected: &[(&str, &[&str])],
) -> CheckResult {
    let problem = client.problem(path, status)?;
    ensure(problem.kind == types::VALIDATION, || {
        format!(
            "`{path}`: type `{}` (want {})",
            problem.kind,
            types::VALIDATION
        )
    })?;
    for (field, accepted) in expected {
        let error = problem.errors.iter().find(|error| error.field == *field);
        ensure(
            error.is_some_and(|error| accepted.contains(&error.code.as_str())),
            || {
                format!(
                    "`{path}`: want an error on `{field}` with code {accepted:?}, got {:?}",
                    problem.errors
                )
            },
        )?;
    }
    ensure(problem.errors.len() == expected.len(), || {
        format!(
            "`{path}`: want errors on {} field(s), got {:?}",
            expected.len(),
            problem.errors
        )
    })
}

/// Each query of `path` refused as [`refused_at`] says, with one error: the query, the status,
/// the field and its code.
pub fn refused_each(client: &Client, path: &str, cases: &[(&str, u16, &str, &str)]) -> CheckResult {
    for (query, status, field, code) in cases {
        refused_at(
            client,
            &format!("{path}?{query}"),
            *status,
            &[(field, &[code])],
        )?;
    }
    Ok(())
}

/// Every key of a JSON document, at any depth.
fn keys(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(fields) => {
            for (key, inner) in fields {
                out.push(key.clone());
                keys(inner, out);
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|item| keys(item, out)),
        _ => {}
    }
}

/// Fails when a public answer has a key that `personal` names, or a mainland mobile number
/// (eleven digits from 13–19) in any text.
pub fn nothing_personal(what: &str, body: &str, personal: impl Fn(&str) -> bool) -> CheckResult {
    let value: serde_json::Value =
        serde_json::from_str(body).map_err(|error| format!("{what}: {error}"))?;
    let mut found = Vec::new();
    keys(&value, &mut found);
    for key in found {
        ensure(!personal(&key), || {
            format!("{what}: a public answer has `{key}`")
        })?;
    }
    let digits: Vec<char> = body.chars().collect();
    for window in digits.windows(11) {
        let is_mobile = window.iter().all(char::is_ascii_digit)
            && window[0] == '1'
            && ('3'..='9').contains(&window[1]);
        ensure(!is_mobile, || {
            format!(
                "{what}: a public answer holds a mobile number `{}`",
                window.iter().collect::<String>()
            )
        })?;
    }
    Ok(())
}
