import { ContextProvider } from '@lit/context';
import { Task } from '@lit/task';
import { type CommunePublic, type Family, PortailApiError, type PortailClient } from '@portail-famille/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { clientContext } from '../core/client-context.js';
import { CommuneTask } from '../core/commune-task.js';
import { defineElement } from '../core/define.js';
import { FocusAfterRenderController } from '../core/focus-after-render.js';
import { contactTemplate, embeddedLogin, heading, loadingTemplate, retryNotice } from '../core/fragments.js';
import { formatCivilDate } from '../core/i18n/index.js';
import { PfElement } from '../core/pf-element.js';
import { problemMessage } from '../core/problem-messages.js';
import type {
  Activity,
  BookingLine,
  BookingOptions,
  BookingPeriod,
  BookingRequest,
  Child,
  Planner,
  PlannerCell,
  PlannerDay,
} from '../core/types.js';
import { PfBookingConfirmedEvent } from '../events/pf-booking-confirmed-event.js';
import '../pf-login/pf-login.js';
import { outcomeIcon, stateIcon } from './booking-icons.js';
import { styles } from './pf-booking-planner.styles.js';

type Action = BookingLine['action'];
type View = 'planner' | 'summary' | 'result';
/** A child's unsaved choices for one period: `date|activityId` → add or cancel. */
type Choices = Map<string, Action>;

/** States a parent may cancel; the others (free, refused, cancelled) may be booked. */
const HELD = new Set<PlannerCell['state']>(['booked', 'pending', 'waiting_list']);

const cellKey = (date: string, activityId: string): string => `${date}|${activityId}`;

/** 1 = Monday … 7 = Sunday, of a civil date. */
export function isoWeekday(isoDate: string): number {
  const [y = 1970, m = 1, d = 1] = isoDate.split('-').map(Number);
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The planner's days grouped by calendar week (Monday first). */
export function weeksOf(days: readonly PlannerDay[]): PlannerDay[][] {
  const weeks: PlannerDay[][] = [];
  let monday = '';
  for (const day of days) {
    const [y = 1970, m = 1, d = 1] = day.date.split('-').map(Number);
    const start = new Date(Date.UTC(y, m - 1, d - (isoWeekday(day.date) - 1))).toISOString().slice(0, 10);
    if (start !== monday || weeks.length === 0) {
      weeks.push([]);
      monday = start;
    }
    weeks[weeks.length - 1]?.push(day);
  }
  return weeks;
}

/**
 * @tag pf-booking-planner
 * @summary « Nouvelle réservation »: choose a child, a facility and an open period, then book or
 * cancel days on the planner — a week grid of days × activities, with « Tous les jours de la
 * période », « Jours affichés » and « Sélection automatique » by weekday — review the
 * « Récapitulatif » and « Confirmer la réservation »; each line's outcome is shown.
 * Unconfirmed choices are kept per child and period while the element lives.
 *
 * @event pf-booking-confirmed - A booking request was recorded; `event.detail.request` is the `BookingRequest`.
 * @event pf-login - Bubbles from the inner `<pf-login>` when the visitor signs in.
 * @event pf-error - A call failed; `event.detail.error` is the typed SDK error.
 *
 * @csspart base - The wrapper of everything.
 * @csspart heading - The element's headings.
 * @csspart choosers - The child, facility and period fields.
 * @csspart notice - Why nothing can be booked (not enrolled, no open period).
 * @csspart quick - The « Sélection rapide » panel.
 * @csspart week-nav - « Semaine précédente », the week shown, « Semaine suivante ».
 * @csspart grid-box - The scrolling box around the grid.
 * @csspart grid - The planner grid.
 * @csspart cell - One day × activity cell (a button).
 * @csspart legend - The legend of every state.
 * @csspart summary - The « Récapitulatif ».
 * @csspart confirm - The « Confirmer la réservation » button.
 * @csspart result - The recorded request and each line's outcome.
 * @csspart status - The live region announcing changes.
 * @csspart login - The inner `<pf-login>` shown when signed out.
 *
 * @cssproperty --pf-color-primary - Buttons, links, chosen cells. Default #1d4f91 (light), #a8c8ff (dark).
 * @cssproperty --pf-color-text - Text colour.
 * @cssproperty --pf-color-surface - Background.
 * @cssproperty --pf-color-surface-alt - Headers of the grid, locked cells.
 * @cssproperty --pf-color-border - Borders of the grid.
 * @cssproperty --pf-color-success - Booked and accepted.
 * @cssproperty --pf-color-warning - Pending and waiting list.
 * @cssproperty --pf-color-danger - Refused and errors.
 * @cssproperty --pf-font-family - Font.
 * @cssproperty --pf-radius - Corner radius.
 * @cssproperty --pf-space - Base spacing unit.
 * @cssproperty --pf-planner-cell-min-width - Minimum width of a grid column. Default 6.5rem.
 */
export class PfBookingPlanner extends PfElement {
  static override styles = styles;

  /** Level of the element's heading (2 by default). */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;

  readonly #focus = new FocusAfterRenderController(this);
  readonly #commune = new CommuneTask(this, (error) => this.emitError(error));
  /** The inner `<pf-login>` (shown when signed out) uses this element's client. */
  readonly #provider = new ContextProvider(this, { context: clientContext });

  #childId: string | undefined;
  #facilityId: string | undefined;
  #periodId: string | undefined;
  #view: View = 'planner';
  /** Unsaved choices per `childId|periodId`: switching child keeps the other child's. */
  readonly #choices = new Map<string, Choices>();
  #week = 0;
  #weekOf = '';
  #row = 0;
  #col = 0;
  #announcement = '';
  #sending = false;
  #sendError: string | null = null;
  #result: BookingRequest | null = null;
  /** The key of the last attempt: a retry of the same selection reuses it. */
  #attempt: { signature: string; key: string } | null = null;
  #reload = 0;
  #bulkActivity: string | undefined;
  readonly #autoDays = new Set<number>();
  #autoScope: 'period' | 'week' = 'period';

  readonly #family = new Task(this, {
    task: async ([client, accountId, kind]: readonly [PortailClient | undefined, string | undefined, string | undefined]) => {
      if (!client || !accountId || kind !== 'guardian') return null;
      try {
        return await client.getMyFamily();
      } catch (error) {
        this.emitError(error);
        throw error;
      }
    },
    args: () => [this.client, this.session.account?.id, this.session.account?.kind] as const,
  });

  readonly #options = new Task(this, {
    task: async ([client, childId]: readonly [PortailClient | undefined, string | undefined]) => {
      if (!client || !childId) return null;
      try {
        return await client.getBookingOptions(childId);
      } catch (error) {
        this.emitError(error);
        throw error;
      }
    },
    args: () => [this.client, this.#currentChild()?.id] as const,
  });

  readonly #planner = new Task(this, {
    task: async ([client, childId, periodId]: readonly [PortailClient | undefined, string | undefined, string | undefined, number]) => {
      if (!client || !childId || !periodId) return null;
      try {
        return await client.getPlanner(childId, periodId);
      } catch (error) {
        this.emitError(error);
        throw error;
      }
    },
    args: () => {
      const child = this.#currentChild();
      return [this.client, child?.id, this.#currentPeriod()?.id, this.#reload] as const;
    },
  });

  // --- what is chosen ---------------------------------------------------------------

  #currentChild(): Child | undefined {
    const family = this.#family.value;
    if (!family) return undefined;
    return family.children.find((c) => c.id === this.#childId) ?? family.children[0];
  }

  /** The options of the current child (never a previous child's, still on screen while loading). */
  #currentOptions(): BookingOptions | undefined {
    const options = this.#options.value;
    const child = this.#currentChild();
    return options && child && options.childId === child.id ? options : undefined;
  }

  #currentFacility(): BookingOptions['facilities'][number] | undefined {
    const options = this.#currentOptions();
    if (!options) return undefined;
    const withOpen = options.facilities.filter((f) => f.periods.some((p) => p.status === 'open'));
    return withOpen.find((f) => f.id === this.#facilityId) ?? withOpen[0];
  }

  #openPeriods(): BookingPeriod[] {
    return this.#currentFacility()?.periods.filter((p) => p.status === 'open') ?? [];
  }

  #currentPeriod(): BookingPeriod | undefined {
    const periods = this.#openPeriods();
    return periods.find((p) => p.id === this.#periodId) ?? periods[0];
  }

  /** The planner on screen, when it is the current child's and period's. */
  #currentPlanner(): Planner | undefined {
    const planner = this.#planner.value;
    const child = this.#currentChild();
    const period = this.#currentPeriod();
    return planner && child && period && planner.childId === child.id && planner.period.id === period.id ? planner : undefined;
  }

  #choiceKey(): string {
    return `${this.#currentChild()?.id ?? ''}|${this.#currentPeriod()?.id ?? ''}`;
  }

  #currentChoices(): Choices {
    const key = this.#choiceKey();
    let choices = this.#choices.get(key);
    if (!choices) {
      choices = new Map();
      this.#choices.set(key, choices);
    }
    return choices;
  }

  #announce(text: string): void {
    // The same sentence twice in a row must still be read: clear first, then set.
    this.#announcement = '';
    this.requestUpdate();
    void this.updateComplete.then(() => {
      this.#announcement = text;
      this.requestUpdate();
    });
  }

  // --- render ----------------------------------------------------------------------

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    if (this.#provider.value !== this.client) this.#provider.setValue(this.client);
  }

  override render(): TemplateResult {
    return this.#commune.render(this.t, (commune) => this.#ready(commune));
  }

  #ready(commune: CommunePublic): TemplateResult {
    const t = this.t;
    if (!this.session.ready) return loadingTemplate(t);
    const account = this.session.account;
    if (!account) {
      return embeddedLogin({
        headingLevel: this.headingLevel,
        lang: this.locale,
        theme: this.theme,
        onLogin: () => this.requestUpdate(),
      });
    }
    if (account.kind !== 'guardian') return html`<p class="notice info">${t.staffNotice}</p>`;
    return html`${heading(this.headingLevel, t.booking.plannerHeading, 'planner-heading')}
      <p part="status" class="visually-hidden" role="status">${this.#announcement}</p>
      ${this.#family.render({
        initial: () => loadingTemplate(t),
        pending: () => loadingTemplate(t),
        error: (error) => retryNotice(problemMessage(error, t), t, () => void this.#family.run()),
        complete: (family) => (family ? this.#withFamily(family, commune) : html``),
      })}`;
  }

  #withFamily(family: Family, commune: CommunePublic): TemplateResult {
    const t = this.t.booking;
    if (family.children.length === 0) return html`<p>${t.noChild}</p>`;
    if (this.#view === 'result' && this.#result) return this.#resultTemplate(this.#result);
    const planner = this.#currentPlanner();
    if (this.#view === 'summary' && planner) return this.#summaryTemplate(planner);
    const child = this.#currentChild();
    return html`<div part="choosers" class="choosers">
        <div class="field">
          <label for="child">${t.child}</label>
          <select id="child" @change=${this.#onChild}>
            ${family.children.map((c) => html`<option value=${c.id} ?selected=${c.id === child?.id}>${c.firstName} ${c.lastName}</option>`)}
          </select>
        </div>
        ${this.#options.render({
          initial: () => nothing,
          pending: () => (this.#currentOptions() ? this.#facilityFields(this.#currentOptions()!) : nothing),
          error: () => nothing,
          complete: (options) => (options && options.childId === child?.id ? this.#facilityFields(options) : nothing),
        })}
      </div>
      ${this.#options.render({
        initial: () => loadingTemplate(this.t),
        pending: () => loadingTemplate(this.t),
        error: (error) => retryNotice(problemMessage(error, this.t), this.t, () => void this.#options.run()),
        complete: (options) => (options && child ? this.#afterOptions(options, child, commune) : html``),
      })}`;
  }

  #facilityFields(options: BookingOptions): TemplateResult | typeof nothing {
    const t = this.t.booking;
    const facilities = options.facilities.filter((f) => f.periods.some((p) => p.status === 'open'));
    if (facilities.length === 0) return nothing;
    const facility = this.#currentFacility();
    const period = this.#currentPeriod();
    return html`<div class="field">
        <label for="facility">${t.facility}</label>
        <select id="facility" @change=${this.#onFacility}>
          ${facilities.map((f) => html`<option value=${f.id} ?selected=${f.id === facility?.id}>${f.name}</option>`)}
        </select>
      </div>
      <div class="field">
        <label for="period">${t.period}</label>
        <select id="period" @change=${this.#onPeriod}>
          ${this.#openPeriods().map(
            (p) => html`<option value=${p.id} ?selected=${p.id === period?.id}>
              ${p.name} (${t.periodDates(formatCivilDate(p.start, this.t), formatCivilDate(p.end, this.t))})
            </option>`,
          )}
        </select>
      </div>`;
  }

  #afterOptions(options: BookingOptions, child: Child, commune: CommunePublic): TemplateResult {
    const t = this.t.booking;
    const notice = options.notice;
    if (notice?.code === 'not_enrolled') {
      return html`<div part="notice" class="notice info">
        <p>${t.notEnrolled(child.firstName, commune.contact.serviceName)}</p>
        ${contactTemplate(commune, this.t)}
      </div>`;
    }
    const period = this.#currentPeriod();
    if (notice?.code === 'no_open_period' || !period) {
      const next = notice?.nextOpening ? t.nextOpening(t.dateTime(new Date(notice.nextOpening))) : t.noNextOpening;
      return html`<div part="notice" class="notice info">
        <p>${notice ? t.noOpenPeriod(child.firstName) : t.noOpenPeriodForFacility}</p>
        <p>${next}</p>
      </div>`;
    }
    return this.#planner.render({
      initial: () => loadingTemplate(this.t),
      pending: () => {
        const planner = this.#currentPlanner();
        return planner ? this.#plannerTemplate(planner, child) : loadingTemplate(this.t);
      },
      error: (error) => retryNotice(problemMessage(error, this.t), this.t, () => void this.#planner.run()),
      complete: (planner) => (planner ? this.#plannerTemplate(planner, child) : html``),
    });
  }

  #plannerTemplate(planner: Planner, child: Child): TemplateResult {
    const t = this.t.booking;
    if (this.#weekOf !== `${planner.childId}|${planner.period.id}`) {
      this.#weekOf = `${planner.childId}|${planner.period.id}`;
      this.#week = this.#firstChangeableWeek(planner);
      this.#row = 0;
      this.#col = 0;
    }
    const weeks = weeksOf(planner.days);
    const week = Math.min(this.#week, Math.max(weeks.length - 1, 0));
    const days = weeks[week] ?? [];
    const first = days[0]?.date;
    const last = days[days.length - 1]?.date;
    const choices = this.#choices.get(this.#choiceKey()) ?? new Map<string, Action>();
    const adds = [...choices.values()].filter((a) => a === 'add').length;
    const period = planner.period;
    return html`<p class="period-dates">
        <strong>${period.name}</strong> —
        ${t.periodDates(formatCivilDate(period.start, this.t), formatCivilDate(period.end, this.t))}
      </p>
      ${this.#quickTemplate(planner)}
      <div part="week-nav" class="week-nav">
        <button type="button" class="button secondary" ?disabled=${week === 0} @click=${() => this.#goWeek(week - 1)}>
          ${t.previousWeek}
        </button>
        <p id="week-label" class="week-label">${first && last ? t.week(t.shortDate(first), t.shortDate(last)) : ''}</p>
        <button type="button" class="button secondary" ?disabled=${week >= weeks.length - 1} @click=${() => this.#goWeek(week + 1)}>
          ${t.nextWeek}
        </button>
      </div>
      <div part="grid-box" class="grid-box">
        <table
          part="grid"
          class="grid"
          role="grid"
          aria-label=${`${t.gridLabel(`${child.firstName} ${child.lastName}`, period.name)} — ${first && last ? t.week(t.shortDate(first), t.shortDate(last)) : ''}`}
          @keydown=${(event: KeyboardEvent) => this.#onGridKey(event, days.length, planner.activities.length, weeks.length)}
        >
          <thead>
            <tr>
              <th scope="col">${t.day}</th>
              ${planner.activities.map((a) => html`<th scope="col">${a.name}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${days.map(
              (day, r) => html`<tr>
                <th scope="row"><span aria-hidden="true">${t.shortDate(day.date)}</span><span class="visually-hidden">${t.longDate(day.date)}</span></th>
                ${planner.activities.map((a, c) => html`<td role="gridcell">${this.#cellTemplate(day, a, r, c, choices)}</td>`)}
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      <div class="actions">
        <p class="count">${t.choicesCount(adds, choices.size - adds)}</p>
        <button type="button" class="button" @click=${this.#toSummary}>${t.summary}</button>
        ${choices.size > 0 ? html`<button type="button" class="button secondary" @click=${this.#clear}>${t.clearChoices}</button>` : nothing}
      </div>
      ${this.#legendTemplate()}`;
  }

  #firstChangeableWeek(planner: Planner): number {
    const weeks = weeksOf(planner.days);
    const index = weeks.findIndex((w) => w.some((d) => d.cells.some((c) => c.changeable)));
    return index < 0 ? 0 : index;
  }

  #cellTemplate(day: PlannerDay, activity: Activity, row: number, col: number, choices: Choices): TemplateResult {
    const t = this.t.booking;
    const cell = day.cells.find((c) => c.activityId === activity.id);
    const focusable = row === this.#row && col === this.#col ? 0 : -1;
    if (!cell) {
      return html`<button type="button" part="cell" class="cell locked none" tabindex=${focusable} data-row=${row} data-col=${col}
        data-date=${day.date} data-activity=${activity.id} aria-disabled="true" title=${t.notOffered}>
        <span aria-hidden="true">—</span><span class="visually-hidden">${t.notOffered}</span>
      </button>`;
    }
    const choice = choices.get(cellKey(day.date, activity.id));
    const icon = choice === 'add' ? '+' : choice === 'cancel' ? '−' : stateIcon[cell.state];
    const label = choice === 'add' ? t.toAdd : choice === 'cancel' ? t.toCancel : t.state[cell.state];
    const lockedText = !cell.changeable ? t.lockedBecause(t.reason[cell.lockedReason ?? 'closed']) : '';
    const places = activity.capacityPerDay !== null && cell.placesLeft !== null ? cell.placesLeft : null;
    const title = [
      label,
      lockedText,
      places !== null ? t.placesLeft(places) : '',
      cell.changeable ? t.deadline(t.dateTime(new Date(cell.deadline))) : '',
    ]
      .filter(Boolean)
      .join(' — ');
    return html`<button
      type="button"
      part="cell"
      class="cell state-${cell.state} ${choice ? `choice-${choice}` : ''} ${cell.changeable ? '' : 'locked'}"
      tabindex=${focusable}
      data-row=${row}
      data-col=${col}
      data-date=${day.date}
      data-activity=${activity.id}
      data-state=${cell.state}
      data-choice=${choice ?? nothing}
      aria-disabled=${cell.changeable ? nothing : 'true'}
      title=${title}
      @click=${() => this.#toggle(day, activity, row, col)}
    >
      <span class="icon" aria-hidden="true">${icon}</span>
      <span class="visually-hidden">${label}${lockedText ? `, ${lockedText}` : ''}${places !== null ? `, ${t.placesLeft(places)}` : ''}</span>
      ${places !== null ? html`<span class="places" aria-hidden="true">${t.placesLeftShort(places)}</span>` : nothing}
    </button>`;
  }

  #quickTemplate(planner: Planner): TemplateResult {
    const t = this.t.booking;
    const activity = planner.activities.find((a) => a.id === this.#bulkActivity) ?? planner.activities[0];
    const weekdays = [...new Set(planner.days.map((d) => isoWeekday(d.date)))].sort();
    return html`<section part="quick" class="quick" aria-labelledby="quick-heading">
      ${heading(this.headingLevel + 1, t.quickSelection, 'quick-heading')}
      <div class="field">
        <label for="bulk-activity">${t.activity}</label>
        <select id="bulk-activity" @change=${(e: Event) => {
          this.#bulkActivity = (e.target as HTMLSelectElement).value;
          this.requestUpdate();
        }}>
          ${planner.activities.map((a) => html`<option value=${a.id} ?selected=${a.id === activity?.id}>${a.name}</option>`)}
        </select>
      </div>
      <div class="row">
        <button type="button" class="button secondary" @click=${() => activity && this.#bulk(planner, activity, 'period')}>
          ${t.allPeriodDays}
        </button>
        <button type="button" class="button secondary" @click=${() => activity && this.#bulk(planner, activity, 'week')}>
          ${t.shownDays}
        </button>
      </div>
      <fieldset>
        <legend>${t.autoSelection}</legend>
        <p class="hint">${t.autoSelectionHint}</p>
        <div class="row">
          ${weekdays.map(
            (d) => html`<div class="check">
              <input id=${`wd-${d}`} type="checkbox" .checked=${this.#autoDays.has(d)} @change=${(e: Event) => {
                if ((e.target as HTMLInputElement).checked) this.#autoDays.add(d);
                else this.#autoDays.delete(d);
              }} />
              <label for=${`wd-${d}`}>${t.weekdays[d - 1]}</label>
            </div>`,
          )}
        </div>
        <div class="row" role="radiogroup" aria-label=${t.scope}>
          <div class="check">
            <input id="scope-period" type="radio" name="scope" .checked=${this.#autoScope === 'period'} @change=${() => {
              this.#autoScope = 'period';
            }} />
            <label for="scope-period">${t.overPeriod}</label>
          </div>
          <div class="check">
            <input id="scope-week" type="radio" name="scope" .checked=${this.#autoScope === 'week'} @change=${() => {
              this.#autoScope = 'week';
            }} />
            <label for="scope-week">${t.overWeek}</label>
          </div>
        </div>
        <button type="button" class="button secondary" @click=${() => activity && this.#bulk(planner, activity, this.#autoScope, this.#autoDays)}>
          ${t.applyAuto}
        </button>
      </fieldset>
    </section>`;
  }

  #legendTemplate(): TemplateResult {
    const t = this.t.booking;
    const states = Object.keys(stateIcon) as PlannerCell['state'][];
    return html`<section part="legend" class="legend" aria-labelledby="legend-heading">
      ${heading(this.headingLevel + 1, t.legend, 'legend-heading')}
      <ul>
        ${states.map((s) => html`<li><span class="swatch cell state-${s}" aria-hidden="true">${stateIcon[s]}</span> ${t.state[s]}</li>`)}
        <li><span class="swatch cell choice-add" aria-hidden="true">+</span> ${t.toAdd}</li>
        <li><span class="swatch cell choice-cancel" aria-hidden="true">−</span> ${t.toCancel}</li>
        <li><span class="swatch cell locked" aria-hidden="true"></span> ${t.locked}</li>
      </ul>
    </section>`;
  }

  #lines(planner: Planner): BookingLine[] {
    const choices = this.#choices.get(this.#choiceKey()) ?? new Map<string, Action>();
    const order = new Map(planner.activities.map((a, i) => [a.id, i]));
    return [...choices.entries()]
      .map(([key, action]) => {
        const [date = '', activityId = ''] = key.split('|');
        return { date, activityId, action };
      })
      .sort((a, b) => a.date.localeCompare(b.date) || (order.get(a.activityId) ?? 0) - (order.get(b.activityId) ?? 0));
  }

  #summaryTemplate(planner: Planner): TemplateResult {
    const t = this.t.booking;
    const child = this.#currentChild();
    const names = new Map(planner.activities.map((a) => [a.id, a.name]));
    const lines = this.#lines(planner);
    return html`<section part="summary" class="summary" aria-labelledby="summary-heading">
      ${heading(this.headingLevel + 1, t.summary, 'summary-heading')}
      <p>${t.summaryIntro(`${child?.firstName ?? ''} ${child?.lastName ?? ''}`.trim(), planner.period.name)}</p>
      <ul class="lines">
        ${lines.map(
          (l) => html`<li class="line ${l.action}">
            <span class="icon" aria-hidden="true">${l.action === 'add' ? '+' : '−'}</span>
            <span>${t.longDate(l.date)} — ${names.get(l.activityId) ?? l.activityId} — ${l.action === 'add' ? t.adding : t.cancelling}</span>
          </li>`,
        )}
      </ul>
      ${this.#sendError ? html`<div class="notice danger" role="alert"><p>${this.#sendError}</p></div>` : nothing}
      <div class="actions">
        <button type="button" class="button secondary" ?disabled=${this.#sending} @click=${this.#backToPlanner}>${t.backToPlanner}</button>
        <button type="button" part="confirm" class="button" ?disabled=${this.#sending} aria-busy=${this.#sending ? 'true' : nothing}
          @click=${() => void this.#confirm(planner)}>
          ${this.#sending ? t.confirming : t.confirm}
        </button>
      </div>
    </section>`;
  }

  #resultTemplate(request: BookingRequest): TemplateResult {
    const t = this.t.booking;
    return html`<section part="result" class="result" aria-labelledby="result-heading">
      ${heading(this.headingLevel + 1, t.requestSent(request.number), 'result-heading')}
      <p class="status-line status-${request.status}">
        <span class="icon" aria-hidden="true">${outcomeIcon[request.status]}</span>
        ${t.status}&nbsp;: ${t.requestStatus[request.status]} — ${request.childName}, ${request.periodName}
      </p>
      <ul class="lines">
        ${request.lines.map(
          (l) => html`<li class="line outcome-${l.outcome}" data-outcome=${l.outcome}>
            <span class="icon" aria-hidden="true">${outcomeIcon[l.outcome]}</span>
            <span>${t.longDate(l.date)} — ${l.activityName} — ${l.action === 'add' ? t.adding : t.cancelling}&nbsp;:
              <strong>${t.outcome[l.outcome]}</strong>${l.reason ? ` (${t.reason[l.reason]})` : ''}</span>
          </li>`,
        )}
      </ul>
      <button type="button" class="button" @click=${this.#backToPlanner}>${t.newBooking}</button>
    </section>`;
  }

  // --- actions ---------------------------------------------------------------------

  readonly #onChild = (event: Event): void => {
    const before = this.#currentChild();
    const kept = this.#choices.get(this.#choiceKey())?.size ?? 0;
    this.#childId = (event.target as HTMLSelectElement).value;
    this.#facilityId = undefined;
    this.#periodId = undefined;
    this.#row = 0;
    this.#col = 0;
    if (before && kept > 0 && before.id !== this.#childId) this.#announce(this.t.booking.keptChoices(before.firstName, kept));
    this.requestUpdate();
  };

  readonly #onFacility = (event: Event): void => {
    this.#facilityId = (event.target as HTMLSelectElement).value;
    this.#periodId = undefined;
    this.requestUpdate();
  };

  readonly #onPeriod = (event: Event): void => {
    this.#periodId = (event.target as HTMLSelectElement).value;
    this.requestUpdate();
  };

  #goWeek(index: number): void {
    this.#week = index;
    this.#row = 0;
    const planner = this.#currentPlanner();
    const days = planner ? (weeksOf(planner.days)[index] ?? []) : [];
    const first = days[0]?.date;
    const last = days[days.length - 1]?.date;
    if (first && last) this.#announce(this.t.booking.week(this.t.booking.longDate(first), this.t.booking.longDate(last)));
    this.requestUpdate();
  }

  #describe(day: PlannerDay, activity: Activity): string {
    return `${this.t.booking.longDate(day.date)}, ${activity.name}`;
  }

  #toggle(day: PlannerDay, activity: Activity, row: number, col: number): void {
    const t = this.t.booking;
    this.#row = row;
    this.#col = col;
    const cell = day.cells.find((c) => c.activityId === activity.id);
    if (!cell?.changeable) {
      this.#announce(t.cellLocked(this.#describe(day, activity), cell ? t.reason[cell.lockedReason ?? 'closed'] : t.notOffered));
      this.requestUpdate();
      return;
    }
    const choices = this.#currentChoices();
    const key = cellKey(day.date, activity.id);
    if (choices.has(key)) {
      choices.delete(key);
      this.#announce(t.removed(this.#describe(day, activity)));
    } else {
      const action: Action = HELD.has(cell.state) ? 'cancel' : 'add';
      choices.set(key, action);
      this.#announce(`${this.#describe(day, activity)} : ${action === 'add' ? t.toAdd : t.toCancel}.`);
    }
    this.requestUpdate();
  }

  /** Books every free, changeable day of `activity` in the scope — only the `weekdays` when given. */
  #bulk(planner: Planner, activity: Activity, scope: 'period' | 'week', weekdays?: ReadonlySet<number>): void {
    const weeks = weeksOf(planner.days);
    const days = scope === 'period' ? planner.days : (weeks[Math.min(this.#week, weeks.length - 1)] ?? []);
    const choices = this.#currentChoices();
    let selected = 0;
    for (const day of days) {
      const cell = day.cells.find((c) => c.activityId === activity.id);
      if (!cell?.changeable || HELD.has(cell.state)) continue;
      const key = cellKey(day.date, activity.id);
      if (!weekdays || weekdays.has(isoWeekday(day.date))) {
        choices.set(key, 'add');
        selected += 1;
      } else if (choices.get(key) === 'add') choices.delete(key);
    }
    this.#announce(`${activity.name} : ${this.t.booking.selectedCount(selected)}`);
    this.requestUpdate();
  }

  readonly #clear = (): void => {
    this.#currentChoices().clear();
    this.#announce(this.t.booking.choicesCount(0, 0));
    this.requestUpdate();
  };

  readonly #toSummary = (): void => {
    if (this.#currentChoices().size === 0) {
      this.#announce(this.t.booking.noChoice);
      return;
    }
    this.#view = 'summary';
    this.#sendError = null;
    this.#focus.focusLater('summary-heading');
    this.requestUpdate();
  };

  readonly #backToPlanner = (): void => {
    this.#view = 'planner';
    this.#result = null;
    this.#focus.focusLater('planner-heading');
    this.requestUpdate();
  };

  async #confirm(planner: Planner): Promise<void> {
    const client = this.client;
    const child = this.#currentChild();
    if (!client || !child || this.#sending) return;
    const lines = this.#lines(planner);
    if (lines.length === 0) return;
    const signature = JSON.stringify([child.id, planner.period.id, lines]);
    if (this.#attempt?.signature !== signature) this.#attempt = { signature, key: globalThis.crypto.randomUUID() };
    const choiceKey = this.#choiceKey();
    this.#sending = true;
    this.#sendError = null;
    this.#announce(this.t.booking.confirming);
    this.requestUpdate();
    try {
      const request = await client.submitBookingRequest(child.id, planner.period.id, lines, { idempotencyKey: this.#attempt.key });
      this.#attempt = null;
      this.#choices.delete(choiceKey);
      this.#result = request;
      this.#view = 'result';
      this.#reload += 1;
      this.#focus.focusLater('result-heading');
      this.#announce(`${this.t.booking.requestSent(request.number)} ${this.t.booking.requestStatus[request.status]}.`);
      this.dispatchEvent(new PfBookingConfirmedEvent({ request }));
    } catch (error) {
      this.emitError(error);
      this.#sendError =
        error instanceof PortailApiError && error.status === 409 ? this.t.booking.requestConflict : problemMessage(error, this.t);
      this.#announce(this.#sendError);
    } finally {
      this.#sending = false;
      this.requestUpdate();
    }
  }

  #onGridKey(event: KeyboardEvent, rows: number, cols: number, weeks: number): void {
    let row = this.#row;
    let col = this.#col;
    switch (event.key) {
      case 'ArrowDown':
        row = Math.min(row + 1, rows - 1);
        break;
      case 'ArrowUp':
        row = Math.max(row - 1, 0);
        break;
      case 'ArrowRight':
        col = Math.min(col + 1, cols - 1);
        break;
      case 'ArrowLeft':
        col = Math.max(col - 1, 0);
        break;
      case 'Home':
        col = 0;
        if (event.ctrlKey) row = 0;
        break;
      case 'End':
        col = cols - 1;
        if (event.ctrlKey) row = rows - 1;
        break;
      case 'PageDown':
        if (this.#week < weeks - 1) this.#goWeek(this.#week + 1);
        row = 0;
        break;
      case 'PageUp':
        if (this.#week > 0) this.#goWeek(this.#week - 1);
        row = 0;
        break;
      default:
        return;
    }
    event.preventDefault();
    this.#row = row;
    this.#col = col;
    this.requestUpdate();
    void this.updateComplete.then(() => {
      this.renderRoot.querySelector<HTMLElement>(`.grid [data-row="${this.#row}"][data-col="${this.#col}"]`)?.focus();
    });
  }
}

defineElement('pf-booking-planner', PfBookingPlanner);

declare global {
  interface HTMLElementTagNameMap {
    'pf-booking-planner': PfBookingPlanner;
  }
}
