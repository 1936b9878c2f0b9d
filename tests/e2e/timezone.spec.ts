// Times in the station's zone whatever the device's: a phone set to Pago Pago (UTC−11, 19 hours
// behind Beijing, so on another date most of the day) sees the activity at the station's hour
// and the month marks the station's today.
import { test, expect } from "./station";

type StationInfo = { now: string; time_zone: string };
type Activity = { id: number; starts_at: string; ends_at: string };
type Page<T> = { items: T[] };

test("a device in another time zone sees the station's times and the station's today", async ({ browser, station }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, locale: "zh-CN", timezoneId: "Pacific/Pago_Pago" });
  const page = await context.newPage();
  const info = await station.json<StationInfo>("/api/v1/station");
  expect(info.time_zone).toBe("Asia/Shanghai");
  const { items } = await station.json<Page<Activity>>("/api/v1/activities?limit=20");
  const activity = items[0];
  // `HH:MM` as written on the wire, in the station's offset.
  const hm = (rfc3339: string) => rfc3339.slice(11, 16);
  await page.goto(`${station.baseURL}/activities/${activity.id}`);
  const time = page.locator(".detail__facts time");
  await expect(time).toContainText(`${hm(activity.starts_at)}–${hm(activity.ends_at)}`);
  const [month, day] = activity.starts_at.slice(5, 10).split("-").map(Number);
  await expect(time).toContainText(`${month}月${day}日`);
  // The device's own clock says another hour.
  const deviceHour = await page.evaluate(() => new Date().getHours());
  const stationHour = Number(info.now.slice(11, 13));
  expect(deviceHour).not.toBe(stationHour);

  await page.goto(`${station.baseURL}/calendar/month`);
  await expect(page.getByTestId("month-grid").locator('[aria-current="date"]')).toHaveAttribute("data-date", info.now.slice(0, 10));
  await context.close();
});
