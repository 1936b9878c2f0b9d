//! Time in the station's zone. Every "now" of the server goes through a [`Clock`], so tests can
//! fix it and get the same "today", the same demo data and the same statuses on every run.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

#[derive(Debug, Clone)]
pub enum Clock {
    /// The machine's clock.
    System,
    /// A clock stopped at one instant (tests).
    Fixed(DateTime<Utc>),
    /// A clock that stands still until a test moves it (check-in windows, rate-limit windows).
    Manual(ManualClock),
    /// The machine's clock moved by a fixed amount (`--clock-start`).
    Shifted(chrono::Duration),
}

impl Clock {
    pub fn now(&self) -> DateTime<Utc> {
        match self {
            Clock::System => Utc::now(),
            Clock::Fixed(instant) => *instant,
            Clock::Manual(clock) => clock.now(),
            Clock::Shifted(by) => Utc::now() + *by,
        }
    }

    /// The machine's clock, or one that reads `start` now and runs on from there.
    pub fn starting_at(start: Option<DateTime<FixedOffset>>) -> Self {
        match start {
            Some(start) => Clock::Shifted(start.with_timezone(&Utc) - Utc::now()),
            None => Clock::System,
        }
    }
}

/// A shared instant (millisecond precision) that tests set or advance; every clone sees it.
#[derive(Debug, Clone)]
pub struct ManualClock(Arc<AtomicI64>);

impl ManualClock {
    pub fn starting_at(instant: DateTime<Utc>) -> Self {
        Self(Arc::new(AtomicI64::new(instant.timestamp_millis())))
    }

    pub fn now(&self) -> DateTime<Utc> {
        DateTime::<Utc>::from_timestamp_millis(self.0.load(Ordering::SeqCst)).unwrap_or_default()
    }

    pub fn set(&self, instant: DateTime<Utc>) {
        self.0.store(instant.timestamp_millis(), Ordering::SeqCst);
    }

    pub fn advance(&self, by: chrono::Duration) {
        self.0.fetch_add(by.num_milliseconds(), Ordering::SeqCst);
    }
}

/// The station's zone and clock. The database keeps times as UTC unix seconds; this turns them
/// into the offset-carrying times of the wire, and calendar days into unix-second bounds.
#[derive(Debug, Clone)]
pub struct StationTime {
    zone: Tz,
    clock: Clock,
}

impl StationTime {
    pub fn new(zone: Tz, clock: Clock) -> Self {
        Self { zone, clock }
    }

    pub fn zone(&self) -> Tz {
        self.zone
    }

    pub fn now(&self) -> DateTime<FixedOffset> {
        self.clock.now().with_timezone(&self.zone).fixed_offset()
    }

    pub fn now_unix(&self) -> i64 {
        self.clock.now().timestamp()
    }

    /// Today's calendar date in the station's zone.
    pub fn today(&self) -> NaiveDate {
        self.now().date_naive()
    }

    /// The unix second at which `date` begins in the station's zone.
    pub fn day_start(&self, date: NaiveDate) -> i64 {
        self.local_unix(date, NaiveTime::MIN)
    }

    /// The unix second of a wall-clock time in the station's zone. A time skipped by a DST jump
    /// is taken one hour later; an ambiguous one is taken at its first occurrence.
    pub fn local_unix(&self, date: NaiveDate, time: NaiveTime) -> i64 {
        let local = date.and_time(time);
        match self.zone.from_local_datetime(&local).earliest() {
            Some(instant) => instant.timestamp(),
            None => self
                .zone
                .from_local_datetime(&(local + chrono::Duration::hours(1)))
                .earliest()
                .map(|instant| instant.timestamp())
                .unwrap_or_else(|| local.and_utc().timestamp()),
        }
    }

    /// A stored unix second as the wire shows it: with the station's offset at that instant.
    pub fn to_wire(&self, unix_seconds: i64) -> DateTime<FixedOffset> {
        let utc = DateTime::<Utc>::from_timestamp(unix_seconds, 0).unwrap_or_default();
        utc.with_timezone(&self.zone).fixed_offset()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shanghai_at(rfc3339: &str) -> StationTime {
        let instant = DateTime::parse_from_rfc3339(rfc3339)
            .unwrap()
            .with_timezone(&Utc);
        StationTime::new(chrono_tz::Asia::Shanghai, Clock::Fixed(instant))
    }

    #[test]
    fn today_is_the_station_date_not_the_utc_date() {
        // 23:30 UTC is already the next morning in Shanghai.
        let time = shanghai_at("2026-11-23T23:30:00Z");
        assert_eq!(time.today(), NaiveDate::from_ymd_opt(2026, 11, 24).unwrap());
        assert_eq!(time.now().to_rfc3339(), "2026-11-24T07:30:00+08:00");
    }

    #[test]
    fn day_start_and_wire_times_carry_the_station_offset() {
        let time = shanghai_at("2026-11-24T12:00:00+08:00");
        let start = time.day_start(NaiveDate::from_ymd_opt(2026, 11, 24).unwrap());
        assert_eq!(
            time.to_wire(start).to_rfc3339(),
            "2026-11-24T00:00:00+08:00"
        );
    }

    #[test]
    fn a_clock_started_at_a_moment_reads_it_and_runs_on() {
        let start = DateTime::parse_from_rfc3339("2026-11-24T09:30:00+08:00").unwrap();
        let clock = Clock::starting_at(Some(start));
        let read = clock.now();
        let drift = read - start.with_timezone(&Utc);
        assert!(
            drift >= chrono::Duration::zero() && drift < chrono::Duration::seconds(5),
            "{drift}"
        );
        assert!(matches!(Clock::starting_at(None), Clock::System));
    }
}
