//! `/staff/reports`: 报表 for staff — a site's month by service category, and one resident's
//! confirmed hours, each downloaded as a CSV file that Excel opens.

use leptos::prelude::*;
use station_wire::problem::codes;

use crate::action::LocalAction;
use crate::api::{use_api, Export};
use crate::components::download::download_csv;
use crate::components::form::field_errors_of;
use crate::components::{
    FieldErrors, Form, FormProblem, FormState, SelectField, SiteSelect, SubmitButton, TextField,
};
use crate::hooks::use_station_today;
use crate::i18n::{fill, use_i18n};
use crate::pages::accounts::require_sign_in;
use crate::paths;
use crate::validate::{check_phone, normalize_phone};

#[component]
pub fn ReportsPage() -> impl IntoView {
    require_sign_in();
    let i18n = use_i18n();
    let texts = i18n.messages().records();
    view! {
        <div class="page page--form">
            <a class="back-link" href=paths::CONSOLE>{texts.back_to_console}</a>
            <h1 class="page__title">{texts.reports_title}</h1>
            <p class="page__lead">{texts.reports_lead}</p>
            <MonthlyReport />
            <ExportReport />
            <HoursReport />
        </div>
    }
}

/// `YYYY-MM`, as the server takes a month.
fn is_month(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 7
        && bytes[4] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, byte)| i == 4 || byte.is_ascii_digit())
        && text[5..]
            .parse::<u32>()
            .is_ok_and(|month| (1..=12).contains(&month))
}

/// 月度报表: the site (and the sites below it) and the month.
#[component]
fn MonthlyReport() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let site = RwSignal::new(String::new());
    let month = RwSignal::new(String::new());
    // This month, once the station's today is known (what was typed stays).
    let today = use_station_today();
    Effect::new(move |_| {
        if let Some(today) = today.get() {
            if month.with_untracked(String::is_empty) {
                month.set(today.format("%Y-%m").to_string());
            }
        }
    });
    let state = FormState::default();
    let download = LocalAction::new(move |(site, month): &(i64, String)| {
        let (api, site, month) = (api.clone(), *site, month.clone());
        async move {
            match api.monthly_csv(site, &month).await {
                Ok(file) => {
                    download_csv(&file);
                    state.succeed(fill(i18n.t().records().downloaded, &[("what", &month)]));
                }
                Err(error) => state.fail(error),
            }
        }
    });
    let send = move || {
        let typed = month.get_untracked().trim().to_owned();
        let checked = match site.get_untracked().parse::<i64>() {
            _ if !is_month(&typed) => {
                Err::<_, FieldErrors>(vec![("month".into(), codes::INVALID.into())])
            }
            Ok(site) => Ok((site, typed)),
            Err(_) => Err(vec![("site_id".into(), codes::REQUIRED.into())]),
        };
        state.send(checked, download);
    };
    let texts = i18n.messages().records();
    view! {
        <section class="panel" aria-labelledby="monthly-title">
            <h2 class="panel__title" id="monthly-title">{texts.monthly_title}</h2>
            <p class="panel__empty">{texts.monthly_lead}</p>
            <Form on_submit=move |()| send()>
                <SiteSelect value=site />
                <TextField name="month" label=texts.month hint=texts.month_hint value=month errors=state.errors kind="month" />
                <FormProblem error=state.problem on_retry=move |()| send() />
                <p class="form__done" role="status" data-testid="monthly-done">{move || state.done.get()}</p>
                <SubmitButton pending=download.pending() label=texts.monthly_download />
            </Form>
        </section>
    }
}

/// 点单和微心愿: the orders placed or the wishes posted at a site (and below it) from one day to
/// another, with every detail staff keep (addresses, full names), for the station's records.
#[component]
fn ExportReport() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let texts = i18n.messages().records();
    let site = RwSignal::new(String::new());
    let what = RwSignal::new("orders".to_owned());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    // This month so far, once the station's today is known (what was typed stays).
    let today = use_station_today();
    Effect::new(move |_| {
        if let Some(today) = today.get() {
            if from.with_untracked(String::is_empty) && to.with_untracked(String::is_empty) {
                from.set(today.format("%Y-%m-01").to_string());
                to.set(today.format("%Y-%m-%d").to_string());
            }
        }
    });
    let options = Signal::derive(move || {
        let texts = i18n.t().records();
        vec![
            ("orders".to_owned(), texts.export_orders.to_owned()),
            ("wishes".to_owned(), texts.export_wishes.to_owned()),
        ]
    });
    let state = FormState::default();
    let download = LocalAction::new(
        move |(what, site, from, to): &(Export, i64, String, String)| {
            let (api, what, site, from, to) = (api.clone(), *what, *site, from.clone(), to.clone());
            async move {
                match api.export_csv(what, site, &from, &to).await {
                    Ok(file) => {
                        download_csv(&file);
                        let range = format!("{from} – {to}");
                        state.succeed(fill(i18n.t().records().downloaded, &[("what", &range)]));
                    }
                    Err(error) => state.fail_with(field_errors_of(&error), error),
                }
            }
        },
    );
    let send = move || {
        let (start, end) = (from.get_untracked(), to.get_untracked());
        let mut errors = FieldErrors::new();
        let day = |text: &str| station_wire::time::parse_date(text.trim()).is_some();
        if !day(&start) {
            errors.push(("from".into(), codes::REQUIRED.into()));
        }
        if !day(&end) {
            errors.push(("to".into(), codes::REQUIRED.into()));
        } else if day(&start) && start.trim() > end.trim() {
            errors.push(("to".into(), codes::OUT_OF_RANGE.into()));
        }
        let which = if what.get_untracked() == "wishes" {
            Export::Wishes
        } else {
            Export::Orders
        };
        let checked = match site.get_untracked().parse::<i64>() {
            _ if !errors.is_empty() => Err(errors),
            Ok(site) => Ok((which, site, start.trim().to_owned(), end.trim().to_owned())),
            Err(_) => Err(vec![("site_id".into(), codes::REQUIRED.into())]),
        };
        state.send(checked, download);
    };
    view! {
        <section class="panel" aria-labelledby="export-title">
            <h2 class="panel__title" id="export-title">{texts.export_title}</h2>
            <p class="panel__empty">{texts.export_lead}</p>
            <Form on_submit=move |()| send()>
                <SiteSelect value=site scope="export" />
                <SelectField name="what" label=texts.export_what value=what errors=state.errors options=options />
                <TextField name="from" label=texts.export_from value=from errors=state.errors kind="date" />
                <TextField name="to" label=texts.export_to value=to errors=state.errors kind="date" />
                <FormProblem error=state.problem on_retry=move |()| send() />
                <p class="form__done" role="status" data-testid="export-done">{move || state.done.get()}</p>
                <SubmitButton pending=download.pending() label=texts.export_download />
            </Form>
        </section>
    }
}

/// 志愿者服务时长: one resident of one's sites, found by their phone.
#[component]
fn HoursReport() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let phone = RwSignal::new(String::new());
    let state = FormState::default();
    let download = LocalAction::new(move |phone: &String| {
        let (api, phone) = (api.clone(), phone.clone());
        async move {
            match api.hours_csv(&phone).await {
                Ok(file) => {
                    download_csv(&file);
                    state.succeed(fill(i18n.t().records().downloaded, &[("what", &phone)]));
                }
                Err(error) => state.fail(error),
            }
        }
    });
    let send = move || {
        let typed = normalize_phone(&phone.get_untracked());
        let mut errors = FieldErrors::new();
        check_phone(&typed, &mut errors);
        let checked = if errors.is_empty() {
            Ok(typed)
        } else {
            Err(errors)
        };
        state.send(checked, download);
    };
    let texts = i18n.messages().records();
    view! {
        <section class="panel" aria-labelledby="hours-title">
            <h2 class="panel__title" id="hours-title">{texts.hours_title}</h2>
            <p class="panel__empty">{texts.hours_lead}</p>
            <Form on_submit=move |()| send()>
                <TextField name="phone" label=texts.phone value=phone errors=state.errors kind="tel" autocomplete="off" />
                <FormProblem error=state.problem on_retry=move |()| send() />
                <p class="form__done" role="status" data-testid="hours-done">{move || state.done.get()}</p>
                <SubmitButton pending=download.pending() label=texts.hours_download />
            </Form>
        </section>
    }
}
