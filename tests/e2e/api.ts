// Setting the scene through the backend's API, for the journeys to act on it in the app.
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { expect, type Station } from "./station";

/** The privacy notice the app shows before registering (`station_wire::privacy::PRIVACY_NOTICE_VERSION`). */
export const PRIVACY_NOTICE = "2026-11-30";

export type Session = { token: string; expires_at: string };

let phoneCounter = 0;
/** A fresh, valid mainland mobile number for this run. */
export function freshPhone(): string {
  phoneCounter += 1;
  const tail = `${Date.now() % 1_000_000}${phoneCounter}`.padStart(8, "0").slice(-8);
  return `137${tail}`;
}

export function signInByApi(station: Station, phone: string, password: string): Promise<Response> {
  return fetch(`${station.baseURL}/api/v1/sessions`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ phone, password }),
  });
}

export async function sessionOf(station: Station, phone: string, password: string): Promise<Session> {
  const response = await signInByApi(station, phone, password);
  expect(response.status, `${phone} signs in`).toBe(201);
  return (await response.json()) as Session;
}

export async function registerByApi(station: Station, name: string, phone = freshPhone()): Promise<Session> {
  const response = await fetch(`${station.baseURL}/api/v1/accounts`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ display_name: name, phone, password: "bright-river-7", privacy_notice: PRIVACY_NOTICE }),
  });
  expect(response.status, "register").toBe(201);
  return (await response.json()) as Session;
}

export async function signUpByApi(station: Station, session: Session, activityId: number): Promise<void> {
  const response = await fetch(`${station.baseURL}/api/v1/activities/${activityId}/signups`, {
    method: "POST",
    headers: { Authorization: `Bearer ${session.token}` },
  });
  expect(response.status, "sign up").toBe(201);
}

/** Opens the app already signed in with `session`, as a reload after signing in would. */
export async function signedIn(page: Page, session: Session): Promise<void> {
  await page.addInitScript((stored) => {
    localStorage.setItem("station.session", stored);
  }, JSON.stringify({ token: session.token, expires_at: session.expires_at }));
}

/** A second phone: a fresh browser context with the journeys' phone viewport. */
export async function anotherPhone(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: "zh-CN" });
  return { context, page: await context.newPage() };
}
