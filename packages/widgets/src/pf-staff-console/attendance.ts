import type { PortailClient } from '@portail-famille/sdk';
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { loadingTemplate } from '../core/fragments.js';
import type { Translation } from '../core/i18n/index.js';
import type { AttendanceActivity, AttendanceEntry, AttendanceRegister, AttendanceStatus } from '../core/types.js';
import { StaffAction, StaffLoad } from './staff-load.js';

export interface AttendanceHost extends ReactiveControllerHost {
  readonly client: PortailClient | undefined;
}

/** Today in Europe/Paris, as the server counts days (`YYYY-MM-DD`). */
export function parisToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** What « Présences » shows for a day: its activities, the one chosen, and its register. */
interface Day {
  activities: AttendanceActivity[];
  activityId: string | null;
  register: AttendanceRegister | undefined;
}

/**
 * « Présences »: choose a day and one of its activities, tick each expected child present
 * or absent, save the register in one call (it replaces that day's register).
 */
export class AttendanceController {
  readonly #host: AttendanceHost;
  #date = parisToday();
  readonly #day: StaffLoad<Day>;
  readonly #saving: StaffAction;
  /** The ticks, for the register they were started from (a new register starts them again). */
  #ticks: { of: AttendanceRegister | undefined; marks: Map<string, AttendanceStatus> } = { of: undefined, marks: new Map() };

  constructor(host: AttendanceHost, callbacks: { onError: (error: unknown) => void }) {
    this.#host = host;
    this.#day = new StaffLoad(host, callbacks.onError);
    this.#saving = new StaffAction(host, callbacks.onError);
  }

  get needsLoad(): boolean {
    return this.#day.needsLoad;
  }

  reset(): void {
    this.#date = parisToday();
    this.#day.reset();
    this.#saving.reset();
  }

  /** Loads the day's activities, keeps (or picks the first) activity, then its register. */
  async load(activityId: string | null = this.#day.value?.activityId ?? null): Promise<void> {
    const client = this.#host.client;
    if (!client) return;
    const date = this.#date;
    await this.#day.load(async () => {
      const activities = await client.listAttendanceActivities(date);
      const chosen = activities.some((a) => a.activityId === activityId) ? activityId : (activities[0]?.activityId ?? null);
      const register = chosen ? await client.getAttendanceRegister(chosen, date) : undefined;
      return { activities, activityId: chosen, register };
    });
  }

  /** The ticks of the register shown: those it records, until the reader changes them. */
  get #marks(): Map<string, AttendanceStatus> {
    const register = this.#day.value?.register;
    if (this.#ticks.of !== register) {
      const recorded = (register?.entries ?? []).flatMap((e) =>
        e.attendance ? [[e.childId, e.attendance] as [string, AttendanceStatus]] : [],
      );
      this.#ticks = { of: register, marks: new Map(recorded) };
    }
    return this.#ticks.marks;
  }

  set #marks(marks: Map<string, AttendanceStatus>) {
    this.#ticks = { of: this.#day.value?.register, marks };
  }

  // --- rendering ---------------------------------------------------------------------

  render(t: Translation): TemplateResult {
    const s = t.staff;
    const day = this.#day.value;
    const activities = day?.activities;
    // While another day or activity loads, « Chargement… » rather than the register before.
    const body = this.#day.loading
      ? loadingTemplate(t)
      : this.#day.render(t, ({ activities: list, register }) =>
          list.length === 0 ? html`<p class="empty">${s.noActivityThatDay}</p>` : register ? this.#table(t, register) : nothing,
        );
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
                    html`<option value=${a.activityId} ?selected=${a.activityId === day?.activityId}>
                      ${s.attendanceActivityOption(a.activityName, a.facilityName, a.expected)}
                    </option>`,
                )}
              </select>
            </div>`
            : nothing
        }
      </form>
      ${this.#saving.renderMessages(t, 'attendance')} ${body}`;
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
        <button class="button secondary" type="button" ?disabled=${!register.recordable || !unmarked || this.#saving.busy !== null} @click=${() => this.#markOthersPresent()}>
          ${s.markAllPresent}
        </button>
        <button
          class="button"
          part="submit"
          type="button"
          ?disabled=${!register.recordable || this.#marks.size === 0 || this.#saving.busy !== null}
          @click=${() => void this.#save(t)}
        >
          ${this.#saving.busy !== null ? s.savingAttendance : s.saveAttendance}
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
    this.#saving.clear();
    void this.load();
  }

  #chooseActivity(activityId: string): void {
    this.#saving.clear();
    void this.load(activityId);
  }

  #mark(childId: string, status: AttendanceStatus): void {
    this.#marks = new Map(this.#marks).set(childId, status);
    this.#saving.clear();
    this.#host.requestUpdate();
  }

  #markOthersPresent(): void {
    const marks = new Map(this.#marks);
    for (const e of this.#day.value?.register?.entries ?? []) if (!marks.has(e.childId)) marks.set(e.childId, 'present');
    this.#marks = marks;
    this.#host.requestUpdate();
  }

  /** Sends the register (the ticked children), then shows what the server recorded. */
  async #save(t: Translation): Promise<void> {
    const client = this.#host.client;
    const day = this.#day.value;
    const register = day?.register;
    if (!client || !day || !register) return;
    const records = register.entries.flatMap((e) => {
      const status = this.#marks.get(e.childId);
      return status ? [{ childId: e.childId, status }] : [];
    });
    await this.#saving.run(
      'save',
      () => client.recordAttendance(register.activityId, register.date, records),
      (saved) => {
        this.#day.set({ ...day, register: saved });
        const count = (status: AttendanceStatus) => saved.entries.filter((e) => e.attendance === status).length;
        return t.staff.attendanceSaved(count('present'), count('absent'));
      },
    );
  }
}
