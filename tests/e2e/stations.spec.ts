// A resident finds their station: from an activity to its site's page (address, hours, a phone
// to call, what happens there), and the list of every site; staff keep what it says.
import { test, expect, expectAccessible } from "./station";
import { sessionOf, signedIn } from "./api";

type Site = {
  id: number;
  name: string;
  address?: string;
  opening_hours?: string;
  phone?: string;
  intro: string;
  children: Site[];
};
type Activity = { id: number; title: string; place: string; starts_at: string; site: { id: number; name: string } };

test("a resident goes from an activity to its station's page, calls it, and finds every station", async ({ page, station }) => {
  const tree = (await station.json<{ items: Site[] }>("/api/v1/sites")).items;
  const [center] = tree;
  const institute = center.children[0];
  const site = institute.children[0];
  expect(site.phone, "the demo's stations have a phone").toBeTruthy();
  const coming = (await station.json<{ items: Activity[] }>(`/api/v1/activities?site=${site.id}&limit=5`)).items;
  expect(coming.length, "the demo's first station has coming activities").toBeGreaterThan(0);

  await page.goto(`${station.baseURL}/activities/${coming[0].id}`);
  await page.getByRole("link", { name: site.name, exact: true }).click();
  await expect(page).toHaveURL(`${station.baseURL}/sites/${site.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(site.name);
  await expect(page.getByTestId("station-address")).toHaveText(site.address!);
  await expect(page.getByTestId("station-hours")).toHaveText(site.opening_hours!);
  const call = page.getByTestId("station-phone");
  await expect(call).toHaveText(site.phone!);
  await expect(call).toHaveAttribute("href", "tel:" + site.phone!.replace(/[^0-9+]/g, ""));
  await expect(page.getByTestId("station-intro").locator("p")).toHaveCount(site.intro.split("\n").length);
  // The sites above it, each a link.
  const trail = page.getByTestId("station-trail");
  await expect(trail.getByRole("link")).toHaveText([center.name, institute.name]);
  // Its coming activities as the backend lists them, each a link to its page.
  const listed = page.getByTestId("station-activity");
  await expect(listed).toHaveCount(coming.length);
  await expect(listed.first().getByRole("link")).toHaveText(coming[0].title);
  await expect(listed.first()).toContainText(coming[0].place);
  // Its teams.
  const teams = (await station.json<{ items: { name: string }[] }>(`/api/v1/teams?site=${site.id}`)).items;
  expect(teams.length).toBeGreaterThan(0);
  await expect(page.getByTestId("station-team").locator(".me-item__title")).toHaveText(teams.map((t) => t.name));
  await expectAccessible(page);

  // The institute above: its stations are listed below it.
  await trail.getByRole("link", { name: institute.name }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(institute.name);
  await expect(page.getByTestId("station-phone")).toHaveCount(0);
  await expect(page.getByTestId("station-hours")).toHaveText("暂未公布");
  await expect(page.locator("[data-testid=station-page] [data-testid=station] > a")).toHaveText(institute.children.map((s) => s.name));

  // Every site, as a tree.
  await page.getByRole("link", { name: "全部站点" }).click();
  await expect(page).toHaveURL(`${station.baseURL}/sites`);
  const count = (nodes: Site[]): number => nodes.reduce((sum, node) => sum + 1 + count(node.children), 0);
  await expect(page.getByTestId("station")).toHaveCount(count(tree));
  await expectAccessible(page);

  // A site that is not there is said so, without a retry that cannot help.
  await page.goto(`${station.baseURL}/sites/999999`);
  await expect(page.getByTestId("error-state")).toContainText("没有找到这个站点");
  await expect(page.getByRole("button", { name: "重试" })).toHaveCount(0);
});

test("staff change a station's opening hours and see the page residents see", async ({ page, station }) => {
  const staff = await sessionOf(station, "13900000004", "demo1234");
  const me = (await (await fetch(`${station.baseURL}/api/v1/me`, { headers: { Authorization: `Bearer ${staff.token}` } })).json()) as { managed_site_ids: number[] };
  const siteId = me.managed_site_ids[0];
  await signedIn(page, staff);
  await page.goto(`${station.baseURL}/staff/sites/${siteId}`);
  const hours = `周一至周日 9:00–${17 + (Date.now() % 3)}:00`;
  await page.getByLabel("开放时间").fill(hours);
  await page.getByRole("button", { name: "保存站点信息" }).click();
  await expect(page.getByText(/^已保存：/)).toBeVisible();
  await page.getByTestId("public-page").click();
  await expect(page).toHaveURL(`${station.baseURL}/sites/${siteId}`);
  await expect(page.getByTestId("station-hours")).toHaveText(hours);
});
