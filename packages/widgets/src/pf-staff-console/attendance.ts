import type { PortailClient } from '@portail-famille/sdk';
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { loadingTemplate, retryNotice } from '../core/fragments.js';
import type { Translation } from '../core/i18n/index.js';
import type { AttendanceActivity, AttendanceEntry, AttendanceRegister, AttendanceStatus } from '../core/types.js';
import { staffProblemMessage } from './staff-problems.js';

export interface AttendanceHost extends ReactiveControllerHost {
  readonly client: PortailClient | undefined;
}

/** Today in Europe/Paris, as the server counts days (`YYYY-MM-DD`). */
export function parisToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/**
 * « Présences »: choose a day and one of its activities, tick each expected child present
 * or absent, save the register in one call (it replaces that day's register).
 */
export class AttendanceController {
  readonly #host: AttendanceHost;
  readonly #onError: (error: unknown) => void;
  #date = parisToday();
  #activities: AttendanceActivity[] | undefined = undefined;
  #activityId: string | null = null;
  #register: AttendanceRegister | undefined = undefined;
  #marks = new Map<string, AttendanceStatus>();
  #loading = false;
  #loadError: unknown = null;
  #saving = false;
  #saveError: unknown = null;
  #notice = '';
  #generation = 0;

  constructor(host: AttendanceHost, callbacks: { onError: (error: unknown) => void }) {
    this.#host = host;
    this.#onError = callbacks.onError;
  }

  get needsLoad(): boolean {
    return this.#activities === undefined && !this.#loading && this.#loadError === null;
  }

  reset(): void {
    this.#date = parisToday();
    this.#activities = undefined;
    this.#activityId = null;
    this.#register = undefined;
    this.#marks = new Map();
    this.#loading = false;
    this.#loadError = null;
    this.#saving = false;
    this.#saveError = null;
    this.#notice = '';
    this.#generation += 1;
  }

  /** Loads the day's activities, keeps (or picks the first) activity, then its register. */
  async load(): Promise<void> {
    const client = this.#host.client;
    if (!client) return;
    const generation = ++this.#generation;
    this.#loading = true;
    this.#loadError = null;
    this.#host.requestUpdate();
    try {
      const activities = await client.listAttendanceActivities(this.#date);
      if (generation !== this.#generation) return;
      this.#activities = activities;
      if (!activities.some((a) => a.activityId === this.#activityId)) this.#activityId = activities[0]?.activityId ?? null;
      const register = this.#activityId ? await client.getAttendanceRegister(this.#activityId, this.#date) : undefined;
      if (generation !== this.#generation) return;
      this.#setRegister(register);
    } catch (error) {
      if (generation !== this.#generation) return;
      this.#loadError = error;
      this.#onError(error);
    } finally {
      if (generation === this.#generation) {
        this.#loading = false;
        this.#host.requestUpdate();
      }
    }
  }

  #setRegister(register: AttendanceRegister | undefined): void {
    this.#register = register;
    this.#marks = new Map(
      (register?.entries ?? []).flatMap((e) => (e.attendance ? [[e.childId, e.attendance] as [string, AttendanceStatus]] : [])),
    );
  }

  // --- rendering ---------------------------------------------------------------------

  render(t: Translation): TemplateResult {
    const s = t.staff;
    const activities = this.#activities;
    let body: TemplateResult | typeof nothing = nothing;
    if (this.#loadError !== null) body = retryNotice(staffProblemMessage(this.#loadError, t), t, () => void this.load(), 'error');
    else if (activities === undefined || this.#loading) body = loadingTemplate(t);
    else if (activities.length === 0) body = html`<p class="empty">${s.noActivityThatDay}</p>`;
    else if (this.#register) body = this.#table(t, this.#register);
    return html`<p>${s.attendanceIntro}</p>
      <form part="form" class="attendance-filter" novalidate @submit=${(event: SubmitEvent) => event.preventDefault()}>
        <div class="field">
          <label for="attendance-date" part="label">${s.attendanceDate}</label>
          <input
            id="attendance-date"
            part="input"
            type="date"
            required
            .value=${live(this.#date)}
            @change=${(event: Event) => this.#chooseDate((event.target as HTMLInputElement).value)}
          />
        </div>
        ${
          activities?.length
            ? html`<div class="field">
              <label for="attendance-activity" part="label">${s.attendanceActivity}</label>
              <select
                id="attendance-activity"
                part="input"
                @change=${(event: Event) => this.#chooseActivity((event.target as HTMLSelectElement).value)}
              >
                ${activities.map(
                  (a) =>
                    html`<option value=${a.activityId} ?selected=${a.activityId === this.#activityId}>
                      ${s.attendanceActivityOption(a.activityName, a.facilityName, a.expected)}
                    </option>`,
                )}
              </select>
            </div>`
            : nothing
        }
      </form>
      <p id="attendance-status" role="status" part="status" class="notice success">${this.#notice}</p>
      <div id="attendance-alert" role="alert" part="error" class="notice danger">${
        this.#saveError !== null ? html`<p>${staffProblemMessage(this.#saveError, t)}</p>` : nothing
      }</div>
      ${body}`;
  }

  #table(t: Translation, register: AttendanceRegister): TemplateResult {
    const s = t.staff;
    if (register.entries.length === 0) return html`<p class="empty">${s.noChildExpected}</p>`;
    const date = t.booking.longDate(register.date);
    const unmarked = register.entries.some((e) => !this.#marks.has(e.childId));
    return html`${register.recordable ? nothing : html`<p class="notice info">${s.attendanceFuture}</p>`}
      <div part="attendance-box" class="pending-box" role="group" tabindex="0" aria-labelledby="attendance-caption">
        <table part="attendance-table" class="pending-table attendance-table">
          <caption id="attendance-caption">${s.attendanceCaption(register.activityName, date)}</caption>
          <thead>
            <tr>
              <th scope="col">${s.attendanceChild}</th>
              <th scope="col">${s.pendingFamily}</th>
              <th scope="col">${s.attendanceBooking}</th>
              <th scope="col">${s.attendancePresence}</th>
            </tr>
          </thead>
          <tbody>
            ${repeat(
              register.entries,
              (e) => e.childId,
              (e) => this.#row(t, e, register.recordable),
            )}
          </tbody>
        </table>
      </div>
      <div class="form-actions">
        <button class="button secondary" type="button" ?disabled=${!register.recordable || !unmarked || this.#saving} @click=${() => this.#markOthersPresent()}>
          ${s.markAllPresent}
        </button>
        <button
          class="button"
          part="submit"
          type="button"
          ?disabled=${!register.recordable || this.#marks.size === 0 || this.#saving}
          @click=${() => void this.#save(t)}
        >
          ${this.#saving ? s.savingAttendance : s.saveAttendance}
        </button>
      </div>`;
  }

  #row(t: Translation, e: AttendanceEntry, recordable: boolean): TemplateResult {
    const s = t.staff;
    const mark = this.#marks.get(e.childId);
    const radio = (status: AttendanceStatus, label: string) => {
      const id = `presence-${e.childId}-${status}`;
      return html`<span class="check">
        <input
          id=${id}
          type="radio"
          name=${`presence-${e.childId}`}
          .checked=${live(mark === status)}
          ?disabled=${!recordable}
          @change=${() => this.#mark(e.childId, status)}
        /><label for=${id}>${label}</label>
      </span>`;
    };
    return html`<tr>
      <th scope="row">${e.childName}</th>
      <td>${e.familyNumber}</td>
      <td>${s.bookingStates[e.bookingState]}${e.absence ? html` — ${s.absenceStates[e.absence.status]}` : nothing}</td>
      <td>
        <div role="radiogroup" class="presence" aria-label=${s.presenceOf(e.childName)}>
          ${radio('present', s.present)} ${radio('absent', s.absent)}
        </div>
      </td>
    </tr>`;
  }

  #chooseDate(date: string): void {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || date === this.#date) return;
    this.#date = date;
    this.#notice = '';
    this.#saveError = null;
    this.#register = undefined;
    void this.load();
  }

  #chooseActivity(activityId: string): void {
    this.#activityId = activityId;
    this.#notice = '';
    this.#saveError = null;
    this.#register = undefined;
    void this.load();
  }

  #mark(childId: string, status: AttendanceStatus): void {
    this.#marks = new Map(this.#marks).set(childId, status);
    this.#notice = '';
    this.#host.requestUpdate();
  }

  #markOthersPresent(): void {
    const marks = new Map(this.#marks);
    for (const e of this.#register?.entries ?? []) if (!marks.has(e.childId)) marks.set(e.childId, 'present');
    this.#marks = marks;
    this.#host.requestUpdate();
  }

  /** Sends the register (the ticked children), then shows what the server recorded. */
  async #save(t: Translation): Promise<void> {
    const client = this.#host.client;
    const register = this.#register;
    if (!client || !register || this.#saving) return;
    const records = register.entries.flatMap((e) => {
      const status = this.#marks.get(e.childId);
      return status ? [{ childId: e.childId, status }] : [];
    });
    const generation = this.#generation;
    this.#saving = true;
    this.#saveError = null;
    this.#notice = '';
    this.#host.requestUpdate();
    try {
      const saved = await client.recordAttendance(register.activityId, register.date, records);
      if (generation !== this.#generation) return;
      this.#setRegister(saved);
      const count = (status: AttendanceStatus) => saved.entries.filter((e) => e.attendance === status).length;
      this.#notice = t.staff.attendanceSaved(count('present'), count('absent'));
    } catch (error) {
      if (generation !== this.#generation) return;
      this.#saveError = error;
      this.#onError(error);
    } finally {
      if (generation === this.#generation) {
        this.#saving = false;
        this.#host.requestUpdate();
      }
    }
  }
}
