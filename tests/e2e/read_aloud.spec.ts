// 朗读 on an activity's page. Headless Chromium here has no voices, so the page is given a
// recording stand-in for the browser's speech synthesis (speechSynthesis, SpeechSynthesisUtterance)
// that keeps what it was asked to say, in which language and voice, and what was cancelled.
import { test, expect, expectAccessible, type Page } from "./station";

type Activity = { id: number; title: string; place: string; description: string; site: { name: string }; status: string };

/** Installs the stand-in before the app starts, with `voices` (BCP 47 tags) on offer. */
async function recordSpeech(page: Page, voices: string[]): Promise<void> {
  await page.addInitScript((voices) => {
    const record = { spoken: [] as { text: string; lang: string; voice: string | null }[], cancels: 0 };
    (window as any).speechRecord = record;
    let current: any = null;
    class Utterance {
      text: string;
      lang = "";
      voice: any = null;
      onend: null | (() => void) = null;
      onerror: null | (() => void) = null;
      constructor(text: string) {
        this.text = text;
      }
    }
    const synthesis = {
      onvoiceschanged: null as null | (() => void),
      getVoices: () => voices.map((lang) => ({ lang, name: `voice ${lang}` })),
      speak(utterance: any) {
        current = utterance;
        record.spoken.push({ text: utterance.text, lang: utterance.lang, voice: utterance.voice?.name ?? null });
      },
      cancel() {
        record.cancels += 1;
        const was = current;
        current = null;
        was?.onerror?.();
      },
    };
    Object.defineProperty(window, "speechSynthesis", { value: synthesis, configurable: true });
    Object.defineProperty(window, "SpeechSynthesisUtterance", { value: Utterance, configurable: true });
    // The test ends an utterance as the browser would when it has been read to the end.
    (window as any).finishSpeaking = () => {
      const was = current;
      current = null;
      was?.onend?.();
    };
  }, voices);
}

async function anActivity(station: { json<T>(path: string): Promise<T> }): Promise<Activity> {
  const list = await station.json<{ items: Activity[] }>("/api/v1/activities?limit=50");
  const activity = list.items.find((item) => item.status === "open" && item.description.length > 0);
  expect(activity, "the demo data has an open activity with a description").toBeTruthy();
  return activity!;
}

const record = (page: Page) => page.evaluate(() => (window as any).speechRecord as { spoken: { text: string; lang: string; voice: string | null }[]; cancels: number });

test("朗读 reads what, when and where aloud in the page's language, and stops on a second tap or on leaving", async ({ page, station }) => {
  const activity = await anActivity(station);
  await recordSpeech(page, ["en-US", "zh-CN"]);
  await page.goto(`${station.baseURL}/activities/${activity.id}`);
  const when = (await page.locator(".detail__facts time").textContent())!.trim();
  const button = page.getByRole("button", { name: "朗读" });
  await button.click();
  // It says it is speaking, and the same button now stops it.
  await expect(page.locator(".read-aloud__status")).toHaveText("正在朗读…");
  const stopButton = page.getByRole("button", { name: "停止朗读" });
  await expect(stopButton).toBeVisible();
  await expectAccessible(page);
  let heard = await record(page);
  expect(heard.spoken).toHaveLength(1);
  const [spoken] = heard.spoken;
  expect(spoken.lang).toBe("zh-CN");
  expect(spoken.voice).toBe("voice zh-CN");
  expect(spoken.text.startsWith(`${activity.title}。时间：${when}。地点：${activity.place}，${activity.site.name}。`), spoken.text).toBe(true);
  expect(spoken.text).toContain(activity.description.split("\n")[0].trim());

  // A second tap stops it.
  const cancelsBefore = heard.cancels;
  await stopButton.click();
  await expect(page.getByRole("button", { name: "朗读" })).toBeVisible();
  await expect(page.locator(".read-aloud__status")).toHaveText("");
  heard = await record(page);
  expect(heard.cancels).toBe(cancelsBefore + 1);

  // Read to the end, it is ready to read again.
  await page.getByRole("button", { name: "朗读" }).click();
  await page.evaluate(() => (window as any).finishSpeaking());
  await expect(page.getByRole("button", { name: "朗读" })).toBeVisible();

  // Leaving the page while it speaks stops it.
  await page.getByRole("button", { name: "朗读" }).click();
  await expect(page.getByRole("button", { name: "停止朗读" })).toBeVisible();
  const cancelsSpeaking = (await record(page)).cancels;
  await page.getByRole("link", { name: "返回活动日历" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect((await record(page)).cancels).toBe(cancelsSpeaking + 1);
});

test("朗读 speaks English on an English page, and is not offered without a voice for the language", async ({ page, station }) => {
  const activity = await anActivity(station);
  await recordSpeech(page, ["en-GB"]);
  await page.addInitScript(() => localStorage.setItem("station.locale", "en"));
  await page.goto(`${station.baseURL}/activities/${activity.id}`);
  await page.getByRole("button", { name: "Read aloud" }).click();
  const [spoken] = (await record(page)).spoken;
  expect(spoken.lang).toBe("en");
  expect(spoken.voice).toBe("voice en-GB");
  expect(spoken.text.startsWith(`${activity.title}. When: `), spoken.text).toBe(true);

  // The same browser has no Chinese voice: in 简体中文 there is nothing to press.
  await page.addInitScript(() => localStorage.setItem("station.locale", "zh-CN"));
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(activity.title);
  await expect(page.locator(".read-aloud")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "朗读" })).toHaveCount(0);
});

test("voices that come in after the page make 朗读 appear", async ({ page, station }) => {
  const activity = await anActivity(station);
  await recordSpeech(page, []);
  await page.goto(`${station.baseURL}/activities/${activity.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(activity.title);
  await expect(page.locator(".read-aloud")).toHaveCount(0);
  await page.evaluate(() => {
    const synthesis = (window as any).speechSynthesis;
    synthesis.getVoices = () => [{ lang: "zh-CN", name: "late voice" }];
    synthesis.onvoiceschanged?.();
  });
  await expect(page.getByRole("button", { name: "朗读" })).toBeVisible();
});

test("朗读 on a 好人榜 story reads the name, the category and the whole story", async ({ page, station }) => {
  type Honor = { id: number; nominee_name: string; story: string };
  const board = await station.json<{ items: Honor[] }>("/api/v1/honors");
  const honor = board.items.find((item) => item.story.length > 0);
  expect(honor, "the demo data has a published honor").toBeTruthy();
  await recordSpeech(page, ["zh-CN"]);
  await page.goto(`${station.baseURL}/honors/${honor!.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(honor!.nominee_name);
  const badge = (await page.locator(".honor__meta .honor-badge").textContent())!.trim();
  await page.getByRole("button", { name: "朗读" }).click();
  await expect(page.getByRole("button", { name: "停止朗读" })).toBeVisible();
  const [spoken] = (await record(page)).spoken;
  expect(spoken.lang).toBe("zh-CN");
  expect(spoken.text).toBe(`${honor!.nominee_name}\n${badge}\n${honor!.story}`);
});
