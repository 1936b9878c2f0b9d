// The iCalendar feeds, read by a parser the station did not write: ical.js (JavaScript) parses
// what the Rust server writes, so an escaping, folding or time-zone mistake the server's own
// tests share with its writer still shows. Times are compared as instants: the JSON API's
// `+08:00` timestamps against what ical.js makes of `DTSTART;TZID=Asia/Shanghai` with the
// file's own VTIMEZONE.
import ICAL from "ical.js";
import { test, expect, type Station } from "./station";
import { registerByApi, sessionOf, type Session } from "./api";

type StationInfo = { time_zone: string; now: string; root_site_id: number };
type SiteNode = { id: number; parent_id: number | null; children: SiteNode[] };
type Activity = {
  id: number;
  title: string;
  description: string;
  category: string;
  site: { id: number; name: string };
  place: string;
  starts_at: string;
  ends_at: string;
  places_left: number;
  signup_deadline: string | null;
  target_group: string | null;
  status: string;
  cancel_reason?: string | null;
  team_only: boolean;
};
type Feed = { url: string; created_at: string };

const ZONE = "Asia/Shanghai";

/** `YYYY-MM-DD`, `days` after the calendar day `day` (no zone involved: plain date arithmetic). */
function addDays(day: string, days: number): string {
  const [year, month, date] = day.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, date + days)).toISOString().slice(0, 10);
}

/** Every activity starting on the station-local days `from`..=`to` under `site`, all pages. */
async function activitiesBetween(station: Station, site: number, from: string, to: string): Promise<Activity[]> {
  const all: Activity[] = [];
  let cursor = "";
  for (let page = 0; ; page++) {
    expect(page, "the pages come to an end").toBeLessThan(50);
    const query = `from=${from}&to=${to}&site=${site}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const { items, next_cursor } = await station.json<{ items: Activity[]; next_cursor?: string | null }>(`/api/v1/activities?${query}`);
    all.push(...items);
    if (!next_cursor) return all;
    cursor = next_cursor;
  }
}

type Parsed = { calendar: ICAL.Component; events: ICAL.Event[]; byUid: Map<string, ICAL.Event> };

/**
 * Fetches an .ics and parses it with ical.js, after checking the bytes as RFC 5545 wants them:
 * CRLF line ends, lines folded at 75 octets, and never inside a character (each physical line
 * is valid UTF-8 on its own, which a calendar reading line by line relies on).
 */
async function fetchCalendar(url: string, init?: RequestInit): Promise<Parsed> {
  const response = await fetch(url, init);
  expect(response.status, `${url} answers`).toBe(200);
  expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
  const bytes = Buffer.from(await response.arrayBuffer());
  const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  expect(text.endsWith("END:VCALENDAR\r\n"), "the file ends with its calendar and a CRLF").toBe(true);
  expect(text.replace(/\r\n/g, ""), "no bare CR or LF").not.toMatch(/[\r\n]/);
  const lines = bytes.toString("latin1").split("\r\n").slice(0, -1).map((line) => Buffer.from(line, "latin1"));
  const tooLong = lines.filter((line) => line.length > 75).map((line) => line.toString("utf8"));
  expect(tooLong, "lines longer than 75 octets").toEqual([]);
  const split = lines.filter((line) => {
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(line);
      return false;
    } catch {
      return true;
    }
  });
  expect(split.length, "lines folded inside a character").toBe(0);

  const calendar = new ICAL.Component(ICAL.parse(text));
  expect(calendar.name).toBe("vcalendar");
  expect(calendar.getFirstPropertyValue("version")).toBe("2.0");
  // The zone comes with the file: a device without a zone database still reads station time.
  const zones = calendar.getAllSubcomponents("vtimezone").map((zone) => zone.getFirstPropertyValue("tzid"));
  expect(zones).toEqual([ZONE]);
  const events = calendar.getAllSubcomponents("vevent").map((component) => new ICAL.Event(component));
  // A series' exceptions (RECURRENCE-ID) share its UID; every other event has its own.
  const own = events.filter((event) => !event.isRecurrenceException());
  const byUid = new Map(own.map((event) => [event.uid, event]));
  expect(byUid.size, "UIDs are unique").toBe(own.length);
  for (const exception of events.filter((event) => event.isRecurrenceException())) {
    expect(byUid.get(exception.uid)?.isRecurring(), `the exception ${exception.uid} has its recurring event`).toBe(true);
  }
  return { calendar, events, byUid };
}

/** One occurrence as a calendar app shows it: the event (a series' own, or its exception). */
type Occurrence = { uid: string; event: ICAL.Event; start: ICAL.Time; end: ICAL.Time };

/**
 * Every occurrence the file describes, as ical.js expands it: a single event once; a recurring
 * one at each date of its RRULE but its EXDATEs, an exception (same UID, RECURRENCE-ID) in
 * place of the date it replaces.
 */
function occurrencesOf(parsed: Parsed): Occurrence[] {
  const out: Occurrence[] = [];
  const exceptions = parsed.events.filter((event) => event.isRecurrenceException());
  for (const event of parsed.byUid.values()) {
    if (!event.isRecurring()) {
      out.push({ uid: event.uid, event, start: event.startDate, end: event.endDate });
      continue;
    }
    for (const exception of exceptions.filter((one) => one.uid === event.uid)) event.relateException(exception);
    const iterator = event.iterator();
    for (let next = iterator.next(), n = 0; next; next = iterator.next(), n++) {
      expect(n, `${event.uid}: its rule comes to an end`).toBeLessThan(400);
      const details = event.getOccurrenceDetails(next);
      out.push({ uid: event.uid, event: details.item, start: details.startDate, end: details.endDate });
    }
  }
  return out;
}

/**
 * The event's start and end as ical.js understands them equal the activity's instants, and its
 * wall-clock time is the station's (the JSON's local part, before `+08:00`). The zone must be
 * the one the file defines: were the TZID left unresolved, ical.js would read the times as
 * floating and `toUnixTime` as UTC, 8 hours off.
 */
function expectTimes(parsed: Parsed, event: ICAL.Event, activity: Activity): void {
  const fileZone = parsed.calendar.getTimeZoneByID(ZONE);
  expect(fileZone, "the file's VTIMEZONE is found by its TZID").toBeTruthy();
  for (const [time, json, name] of [
    [event.startDate, activity.starts_at, "start"],
    [event.endDate, activity.ends_at, "end"],
  ] as const) {
    expect(time.zone, `${activity.id} ${name}: in the file's zone`).toBe(fileZone);
    expect(time.isDate, `${activity.id} ${name}: a date-time`).toBe(false);
    expect(new Date(time.toUnixTime() * 1000).toISOString(), `${activity.id} ${name}: the same instant`)
      .toBe(new Date(Date.parse(json)).toISOString());
    expect(time.toString(), `${activity.id} ${name}: station wall-clock time`).toBe(json.slice(0, 19));
  }
}

/** The description the feeds write for an activity: why it is off, its text, whom it is for. */
function describedAs(activity: Activity): string {
  return (
    (activity.cancel_reason ? `已取消：${activity.cancel_reason}\n\n` : "") +
    activity.description +
    (activity.target_group ? `\n服务对象：${activity.target_group}` : "")
  );
}

/** Staff of 幸福社区站 (demo data), with the sites they run. */
async function staffOf(station: Station): Promise<{ headers: Record<string, string>; sites: number[] }> {
  const staff = await sessionOf(station, "13900000004", "demo1234");
  const headers = { Authorization: `Bearer ${staff.token}`, "Content-Type": "application/json" };
  const me = (await (await fetch(`${station.baseURL}/api/v1/me`, { headers })).json()) as { managed_site_ids: number[] };
  expect(me.managed_site_ids.length, "the demo staff run a site").toBeGreaterThan(0);
  return { headers, sites: me.managed_site_ids };
}

/**
 * Staff publish an activity whose text needs every iCalendar escape (`,` `;` `\` and a line
 * break) and is long enough in Chinese to be folded, at 07:15 station time: the evening before in
 * UTC, so that a date written in the wrong zone shows.
 */
async function publishAwkwardActivity(station: Station, day: string, capacity: number): Promise<Activity> {
  const { headers, sites } = await staffOf(station);
  const created = await fetch(`${station.baseURL}/api/v1/activities`, {
    method: "POST",
    headers,
    body: JSON.stringify({
      site_id: sites[0],
      category: "culture",
      title: "读书会, 茶话会; 自带水杯\\笔记：《红楼梦》第一、二回",
      place: "百姓书屋, 二楼; 东侧",
      description:
        "共读《红楼梦》第一、二回, 自由发言; 结束后茶话会\\交流。\n" +
        "请带上书和笔记本，书屋备有茶水和老花镜，行动不便的老人可提前联系工作人员上门接送，欢迎全家一起来参加。",
      target_group: "辖区居民, 含青少年",
      starts_at: `${day}T07:15:00+08:00`,
      ends_at: `${day}T08:45:30+08:00`,
      capacity,
      publish: true,
    }),
  });
  expect(created.status, "staff publish the activity").toBe(201);
  return (await created.json()) as Activity;
}

/** Signs `session` up for the activity and answers how: `confirmed` or `waitlisted`. */
async function signUp(station: Station, session: Session, activityId: number): Promise<string> {
  const response = await fetch(`${station.baseURL}/api/v1/activities/${activityId}/signups`, {
    method: "POST",
    headers: { Authorization: `Bearer ${session.token}` },
  });
  expect(response.status, "sign up").toBe(201);
  return ((await response.json()) as { status: string }).status;
}

async function renewFeed(station: Station, session: Session): Promise<Feed> {
  const response = await fetch(`${station.baseURL}/api/v1/me/calendar-feed`, {
    method: "PUT",
    headers: { Authorization: `Bearer ${session.token}` },
  });
  expect(response.status, "the feed is made").toBe(200);
  const feed = (await response.json()) as Feed;
  // A secret address on this station, to paste into a calendar app.
  expect(feed.url).toMatch(new RegExp(`^${station.baseURL.replace(/\./g, "\\.")}/api/v1/feeds/[A-Za-z0-9_-]{20,}/calendar\\.ics$`));
  return feed;
}

test("the root site's feed holds every listed activity at the same instants, its text intact", async ({ station }) => {
  const info = await station.json<StationInfo>("/api/v1/station");
  expect(info.time_zone).toBe(ZONE);
  const { items: roots } = await station.json<{ items: SiteNode[] }>("/api/v1/sites");
  expect(roots.map((site) => site.parent_id), "one root site").toEqual([null]);
  const root = roots[0];
  expect(root.id).toBe(info.root_site_id);
  expect(root.children.length, "the root has sites below it").toBeGreaterThan(0);

  const from = info.now.slice(0, 10);
  const to = addDays(from, 30);
  const awkward = await publishAwkwardActivity(station, addDays(from, 3), 20);
  // And one called off, with a reason that needs escaping too (demo cancellations give none).
  const { headers, sites } = await staffOf(station);
  const before = await activitiesBetween(station, root.id, addDays(from, 1), to);
  const toCancel = before.find((a) => a.status === "open" && a.id !== awkward.id && sites.includes(a.site.id));
  expect(toCancel, "the demo staff have an open activity in the coming month").toBeDefined();
  const reason = "下雨, 场地积水; 改期\\另行通知";
  const cancelled = await fetch(`${station.baseURL}/api/v1/activities/${toCancel!.id}/cancel`, {
    method: "POST",
    headers,
    body: JSON.stringify({ reason }),
  });
  expect(cancelled.status, "staff cancel it").toBe(200);

  const listed = await activitiesBetween(station, root.id, from, to);
  expect(listed.map((a) => a.id), "the awkward activity is listed").toContain(awkward.id);
  expect(listed.find((a) => a.id === toCancel!.id), "the list says why it is off").toMatchObject({ status: "cancelled", cancel_reason: reason });
  expect(listed.length, "demo data fills the next 30 days").toBeGreaterThan(20);
  expect(new Set(listed.map((a) => a.site.id)).size, "activities of sites below the root").toBeGreaterThan(1);

  const feed = await fetchCalendar(`${station.baseURL}/api/v1/sites/${root.id}/calendar.ics`);
  const occurrences = occurrencesOf(feed).filter((one) => {
    const day = one.start.toString().slice(0, 10);
    return day >= from && day <= to;
  });
  // The demo's weekly services come as recurring events, at least one with an exception.
  const recurring = occurrences.filter((one) => one.uid.startsWith("station-series-"));
  expect(recurring.length, "weekly series in the coming month").toBeGreaterThanOrEqual(8);
  for (const activity of listed) {
    // An occurrence of a series is found by its instant and title; a single event by its UID.
    const found = occurrences.filter((one) =>
      one.start.toUnixTime() * 1000 === Date.parse(activity.starts_at) && one.event.summary === activity.title);
    expect(found.length, `activity ${activity.id} 「${activity.title}」 is in the feed once`).toBe(1);
    const { uid, event, start, end } = found[0];
    if (!uid.startsWith("station-series-")) {
      expect(uid).toBe(`station-activity-${activity.id}`);
      expect(event.component.getFirstPropertyValue("url")).toBe(`${station.baseURL}/activities/${activity.id}`);
    }
    expect(event.location).toBe(`${activity.site.name} ${activity.place}`);
    expectTimes(feed, { startDate: start, endDate: end } as ICAL.Event, activity);
    expect(event.component.getFirstPropertyValue("categories")).toBe(activity.category);
    expect(event.description, `${activity.id}: the description`).toBe(describedAs(activity));
    expect(event.component.getFirstPropertyValue("status"), `${activity.id}: the status`)
      .toBe(activity.status === "cancelled" ? "CANCELLED" : "CONFIRMED");
  }

  // And nothing else on those days: the feed and the list agree both ways.
  expect(occurrences.length, "the feed's occurrences of those days are the listed ones").toBe(listed.length);

  // The awkward text, once more by name: the escapes and the folding undone exactly.
  const event = feed.byUid.get(`station-activity-${awkward.id}`)!;
  expect(event.summary).toBe("读书会, 茶话会; 自带水杯\\笔记：《红楼梦》第一、二回");
  expect(event.location).toBe("幸福社区新时代文明实践站 百姓书屋, 二楼; 东侧");
  expect(event.description.split("\n")[0]).toBe("共读《红楼梦》第一、二回, 自由发言; 结束后茶话会\\交流。");
  expect(new Date(event.startDate.toUnixTime() * 1000).toISOString()).toBe(`${addDays(from, 2)}T23:15:00.000Z`);
  // Found by its instant and title: it may be an occurrence of a series (then an exception).
  const off = occurrences.find((one) =>
    one.start.toUnixTime() * 1000 === Date.parse(toCancel!.starts_at) && one.event.summary === toCancel!.title)!.event;
  expect(off.component.getFirstPropertyValue("status")).toBe("CANCELLED");
  expect(off.description.split("\n")[0]).toBe(`已取消：${reason}`);
});

test("a volunteer's own feed, at its secret address, lists the place and the waitlist", async ({ station }) => {
  const info = await station.json<StationInfo>("/api/v1/station");
  const from = info.now.slice(0, 10);
  // One place only: someone else takes it, and the volunteer can only wait.
  const full = await publishAwkwardActivity(station, addDays(from, 4), 1);
  const volunteer = await registerByApi(station, "周志愿");
  expect(await signUp(station, await registerByApi(station, "邻居"), full.id)).toBe("confirmed");
  expect(await signUp(station, volunteer, full.id)).toBe("waitlisted");
  const listed = await activitiesBetween(station, info.root_site_id, addDays(from, 1), addDays(from, 30));
  const open = listed.find(
    (a) => a.status === "open" && a.places_left > 0 && !a.team_only && a.id !== full.id && a.signup_deadline === null,
  );
  expect(open, "demo data has an open activity in the coming month").toBeDefined();
  expect(await signUp(station, volunteer, open!.id)).toBe("confirmed");
  const fullNow = listed.find((a) => a.id === full.id)!;

  const first = await renewFeed(station, volunteer);
  // A calendar app subscribes without the volunteer's session: the address is the key.
  const mine = await fetchCalendar(first.url);
  expect([...mine.byUid.keys()].sort()).toEqual([`station-activity-${open!.id}`, `station-activity-${full.id}`].sort());
  const place = mine.byUid.get(`station-activity-${open!.id}`)!;
  expect(place.summary).toBe(open!.title);
  expect(place.component.getFirstPropertyValue("status")).toBe("CONFIRMED");
  expectTimes(mine, place, open!);
  const waiting = mine.byUid.get(`station-activity-${full.id}`)!;
  expect(waiting.summary).toBe(`【候补】${full.title}`);
  expect(waiting.component.getFirstPropertyValue("status")).toBe("TENTATIVE");
  // What waiting means comes first, then the activity's own text, escapes undone.
  expect(waiting.description.startsWith("候补：")).toBe(true);
  expect(waiting.description.endsWith(`\n\n${describedAs(fullNow)}`)).toBe(true);
  expectTimes(mine, waiting, fullNow);

  // The activity's own file says 候补 only to the volunteer waiting for it.
  const own = `${station.baseURL}/api/v1/activities/${full.id}/calendar.ics`;
  const asVolunteer = await fetchCalendar(own, { headers: { Authorization: `Bearer ${volunteer.token}` } });
  expect(asVolunteer.events.map((e) => [e.uid, e.summary, e.component.getFirstPropertyValue("status")])).toEqual([
    [`station-activity-${full.id}`, `【候补】${full.title}`, "TENTATIVE"],
  ]);
  expectTimes(asVolunteer, asVolunteer.events[0], fullNow);
  const anonymous = await fetchCalendar(own);
  expect(anonymous.events.map((e) => [e.uid, e.summary, e.component.getFirstPropertyValue("status")])).toEqual([
    [`station-activity-${full.id}`, full.title, "CONFIRMED"],
  ]);

  // Renewed: the old address is dead, the new one serves the same feed.
  const second = await renewFeed(station, volunteer);
  expect(second.url).not.toBe(first.url);
  expect((await fetch(first.url)).status, "the old address after renewing").toBe(404);
  const renewed = await fetchCalendar(second.url);
  expect([...renewed.byUid.keys()].sort()).toEqual([...mine.byUid.keys()].sort());
  expect(renewed.byUid.get(`station-activity-${full.id}`)!.summary).toBe(`【候补】${full.title}`);

  // Turned off: nothing answers at the address any more.
  const stopped = await fetch(`${station.baseURL}/api/v1/me/calendar-feed`, {
    method: "DELETE",
    headers: { Authorization: `Bearer ${volunteer.token}` },
  });
  expect(stopped.status).toBe(204);
  expect((await fetch(second.url)).status, "the address after turning the feed off").toBe(404);
});
