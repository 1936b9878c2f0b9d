//! Data the whole app shares, loaded once at the root and read through hooks; and the activity
//! a route names.

use crate::router::use_params_map;
use chrono::{DateTime, FixedOffset, NaiveDate};
use leptos::prelude::*;
use station_wire::activities::{Activity, Category};
use station_wire::station::StationInfo;

use std::future::Future;

use crate::api::{use_api, Api, ApiError};
use crate::load::Load;

/// The station as a signal filled once, not a `LocalResource`: every page reads it through
/// `get`/`with`, and a resource's machinery cost ~8 KiB (brotli) in an area whose pages have
/// none of their own (bench/floor.md).
#[derive(Clone, Copy)]
struct StationData(ReadSignal<Option<Result<StationInfo, ApiError>>>);

pub type CategoriesLoad = Load<Result<Vec<Category>, ApiError>>;

/// The categories' read, made on first use under the root, so that the areas whose pages
/// never read the categories neither carry its code nor ask for them.
#[derive(Clone)]
struct CategoriesSource {
    api: Api,
    root: Owner,
    resource: StoredValue<Option<CategoriesLoad>>,
}

/// Starts loading the station; call once, below the config.
pub fn provide_station_data() {
    let api = use_api();
    let (station, set_station) = signal(None);
    leptos::task::spawn_local({
        let api = api.clone();
        async move { set_station.set(Some(api.station().await)) }
    });
    provide_context(StationData(station));
    provide_context(CategoriesSource {
        api,
        root: Owner::current().expect("provide_station_data runs under the app's root"),
        resource: StoredValue::new(None),
    });
}

/// `GET /station`: the name, zone and clock of the backend's station; `None` until it answers.
pub fn use_station() -> ReadSignal<Option<Result<StationInfo, ApiError>>> {
    expect_context::<StationData>().0
}

/// `GET /categories`: every service category with its colour (asked for once per page load).
pub fn use_categories() -> CategoriesLoad {
    let source = expect_context::<CategoriesSource>();
    if let Some(resource) = source.resource.get_value() {
        return resource;
    }
    let api = source.api.clone();
    // Under the root: it outlives the page that first asked.
    let resource = source.root.with(|| {
        Load::new(move || {
            let api = api.clone();
            async move { api.categories().await.map(|list| list.items) }
        })
    });
    source.resource.set_value(Some(resource));
    resource
}

/// The station's clock as it read when the station answered (not the device's); `None` until
/// then, and where no station data is provided (component tests).
pub fn use_station_now() -> Signal<Option<DateTime<FixedOffset>>> {
    let station = use_context::<StationData>().map(|data| data.0);
    Signal::derive(move || {
        station
            .and_then(|station| station.get())
            .and_then(|station| station.ok())
            .map(|station| station.now)
    })
}

/// The station's today, once the station has answered: from its clock, not the device's.
pub fn use_station_today() -> Signal<Option<NaiveDate>> {
    let now = use_station_now();
    Signal::derive(move || now.get().map(|now| now.date_naive()))
}

/// What the route's `:id` names, loaded by `load`. An id that is not a number cannot exist: it
/// is told as the backend would tell it (404).
pub fn use_of_path_id<T, F, Fut>(load: F) -> Load<Result<T, ApiError>>
where
    T: 'static,
    F: Fn(Api, i64) -> Fut + Copy + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    of_path_id(load, false)
}

/// [`use_of_path_id`] that keeps what is shown while it reads again (a page whose own steps
/// read it again, and must not blink back to a skeleton).
pub fn use_of_path_id_keeping<T, F, Fut>(load: F) -> Load<Result<T, ApiError>>
where
    T: 'static,
    F: Fn(Api, i64) -> Fut + Copy + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    of_path_id(load, true)
}

fn of_path_id<T, F, Fut>(load: F, keep: bool) -> Load<Result<T, ApiError>>
where
    T: 'static,
    F: Fn(Api, i64) -> Fut + Copy + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let api = use_api();
    let params = use_params_map();
    let read = move || {
        let api = api.clone();
        let id = params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i64>().ok());
        async move {
            match id {
                Some(id) => load(api, id).await,
                None => Err(ApiError::Http { status: 404 }),
            }
        }
    };
    if keep {
        Load::keeping(read)
    } else {
        Load::new(read)
    }
}

/// The activity the route's `:id` names.
pub fn use_activity_of_path() -> Load<Result<Activity, ApiError>> {
    use_of_path_id(|api, id| async move { api.activity(id).await })
}
