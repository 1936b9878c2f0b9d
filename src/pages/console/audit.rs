//! `/staff/audit` (`?site=`, `?account=`): 操作记录, the audit log for administrators —
//! who changed what, when and where, with the fields that changed, newest first, a page at a
//! time.

use crate::router::{use_navigate, use_query_map};
use leptos::prelude::*;
use serde_json::Value;
use station_wire::audit::AuditEntry;

use crate::api::use_api;
use crate::components::site_select::use_site_rows;
use crate::components::{EmptyState, PagedList};
use crate::i18n::{day_heading, fill, time_hm, use_i18n, Locale};
use crate::pages::accounts::require_sign_in;
use crate::paths;

/// `activity.update` → 修改活动 (an action the app does not know is shown as it is).
fn action_name(locale: Locale, action: &str) -> String {
    let names = &locale.messages().audit().actions;
    let name = match action {
        "activity.create" => names.activity_create,
        "activity.update" => names.activity_update,
        "activity.publish" => names.activity_publish,
        "activity.cancel" => names.activity_cancel,
        "activity.duplicate" => names.activity_duplicate,
        "activity.delete" => names.activity_delete,
        "series.create" => names.series_create,
        "site.create" => names.site_create,
        "site.update" => names.site_update,
        "site.archive" => names.site_archive,
        "staff.grant" => names.staff_grant,
        "staff.revoke" => names.staff_revoke,
        "category.create" => names.category_create,
        "category.update" => names.category_update,
        "team.create" => names.team_create,
        "team.update" => names.team_update,
        "team.archive" => names.team_archive,
        "team.approve" => names.team_approve,
        "team.decline" => names.team_decline,
        "team.lead" => names.team_lead,
        "team.remove" => names.team_remove,
        "account.create" => names.account_create,
        "account.reset_password" => names.account_reset_password,
        "hours.confirm" => names.hours_confirm,
        "signup.check_in" => names.signup_check_in,
        "signup.no_show" => names.signup_no_show,
        "signup.on_behalf" => names.signup_on_behalf,
        "signup.cancel_on_behalf" => names.signup_cancel_on_behalf,
        "nomination.create" => names.nomination_create,
        "nomination.update" => names.nomination_update,
        "nomination.consent" => names.nomination_consent,
        "nomination.consent_withdrawn" => names.nomination_consent_withdrawn,
        "nomination.publish" => names.nomination_publish,
        "nomination.reject" => names.nomination_reject,
        "nomination.unpublish" => names.nomination_unpublish,
        "wish.create" => names.wish_create,
        "wish.approve" => names.wish_approve,
        "wish.reject" => names.wish_reject,
        "wish.release" => names.wish_release,
        "wish.confirm" => names.wish_confirm,
        "wish.withdraw" => names.wish_withdraw,
        "service.create" => names.service_create,
        "service.update" => names.service_update,
        "order.create" => names.order_create,
        "order.approve" => names.order_approve,
        "order.reject" => names.order_reject,
        "order.dispatch" => names.order_dispatch,
        "order.rate" => names.order_rate,
        "order.cancel" => names.order_cancel,
        "report.orders_export" => names.report_orders_export,
        "report.wishes_export" => names.report_wishes_export,
        other => return other.to_owned(),
    };
    name.to_owned()
}

fn shown(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => "—".to_owned(),
        Some(Value::String(text)) => text.clone(),
        Some(other) => other.to_string(),
    }
}

/// The top-level fields whose values differ between before and after: `(field, before, after)`.
fn changes(before: Option<&Value>, after: Option<&Value>) -> Vec<(String, String, String)> {
    let empty = serde_json::Map::new();
    let (before, after) = (
        before.and_then(Value::as_object).unwrap_or(&empty),
        after.and_then(Value::as_object).unwrap_or(&empty),
    );
    let mut fields: Vec<&String> = before.keys().chain(after.keys()).collect();
    fields.sort();
    fields.dedup();
    fields
        .into_iter()
        .filter(|field| before.get(*field) != after.get(*field))
        .map(|field| {
            (
                field.clone(),
                shown(before.get(field)),
                shown(after.get(field)),
            )
        })
        .collect()
}

#[component]
pub fn AuditPage() -> impl IntoView {
    require_sign_in();
    let i18n = use_i18n();
    let api = use_api();
    let query = use_query_map();
    let navigate = use_navigate();
    let filter = move |key: &str| query.read().get(key).and_then(|v| v.parse::<i64>().ok());
    // The entries loaded so far: the person filtered for is named from them.
    let entries = RwSignal::new(Vec::<AuditEntry>::new());
    // The first page again whenever the filters in the query change.
    let load = move |cursor: Option<String>| {
        let (api, site, account) = (api.clone(), filter("site"), filter("account"));
        async move { api.audit(site, account, cursor).await }
    };
    let sites = use_site_rows();
    let choose_site = {
        let navigate = navigate.clone();
        move |event: leptos::ev::Event| {
            let value = event_target_value(&event);
            let mut href = paths::AUDIT.to_owned();
            // A person's filter stays when the site changes.
            let account = filter_untracked(query, "account");
            let mut pairs = Vec::new();
            if !value.is_empty() {
                pairs.push(format!("site={value}"));
            }
            if let Some(account) = account {
                pairs.push(format!("account={account}"));
            }
            if !pairs.is_empty() {
                href.push('?');
                href.push_str(&pairs.join("&"));
            }
            navigate(&href, Default::default());
        }
    };
    let messages = i18n.messages().audit();
    let person = move || {
        let account = filter("account")?;
        let name = entries.with(|list| {
            list.iter()
                .find(|e| e.actor_id == account)
                .map(|e| e.actor_name.clone())
        })?;
        let site = filter("site")
            .map(|site| format!("?site={site}"))
            .unwrap_or_default();
        Some(view! {
            <p class="page__lead" data-testid="audit-person">
                {fill(i18n.t().audit().by, &[("name", &name)])}" "
                <a href=format!("{}{site}", paths::AUDIT)>{i18n.t().audit().every_person}</a>
            </p>
        })
    };
    let list = |list: Vec<AuditEntry>| {
        view! {
            <ul class="me-list" data-testid="audit-entries">
                {list.into_iter().map(|entry| view! { <AuditRow entry /> }).collect_view()}
            </ul>
        }
    };
    view! {
        <div class="page">
            <a class="back-link" href=paths::CONSOLE>{i18n.messages().console().title}</a>
            <h1 class="page__title">{messages.title}</h1>
            <p class="page__lead">{messages.lead}</p>
            <div class="field">
                <label class="field__label" for="audit-site">{messages.site}</label>
                <select class="field__input" id="audit-site" on:change=choose_site>
                    <option value="" selected=move || filter("site").is_none()>{messages.every_site}</option>
                    {move || {
                        let chosen = filter("site");
                        sites.get().unwrap_or_default().into_iter().map(|(id, _, name)| {
                            view! { <option value=id.to_string() selected=chosen == Some(id)>{name}</option> }
                        }).collect_view()
                    }}
                </select>
            </div>
            {person}
            <PagedList
                load=load
                empty=move || view! { <EmptyState title=messages.empty_title body=messages.empty_body /> }
                list=list
                more=messages.more
                items=entries
            />
        </div>
    }
}

fn filter_untracked(query: ReadSignal<crate::router::ParamsMap>, key: &str) -> Option<i64> {
    query
        .read_untracked()
        .get(key)
        .and_then(|v| v.parse::<i64>().ok())
}

/// One write: when, who (a link that shows only theirs at that site), where, what, and what
/// changed.
#[component]
fn AuditRow(entry: AuditEntry) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.locale_untracked();
    let when = format!(
        "{} {}",
        day_heading(locale, entry.at.date_naive()),
        time_hm(&entry.at)
    );
    let mut person = format!("{}?account={}", paths::AUDIT, entry.actor_id);
    if let Some(site) = &entry.site {
        person.push_str(&format!("&site={}", site.id));
    }
    let place = entry.site.map(|site| format!(" · {}", site.name));
    let changed = changes(entry.before.as_ref(), entry.after.as_ref());
    let details = (!changed.is_empty()).then(|| {
        let lines = changed
            .into_iter()
            .map(|(field, before, after)| {
                let line = fill(
                    i18n.t().audit().field_change,
                    &[("field", &field), ("before", &before), ("after", &after)],
                );
                view! { <li>{line}</li> }
            })
            .collect_view();
        view! {
            <details>
                <summary>{i18n.t().audit().changes}</summary>
                <ul>{lines}</ul>
            </details>
        }
    });
    view! {
        <li class="me-item" data-testid="audit-entry" data-action=entry.action.clone()>
            <p class="me-item__title">{action_name(locale, &entry.action)}" · "{entry.subject}</p>
            <p class="me-item__when">
                {when}" · "<a href=person>{entry.actor_name}</a>{place}
            </p>
            {details}
        </li>
    }
}
