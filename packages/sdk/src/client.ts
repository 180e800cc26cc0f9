import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { AuthenticationError, errorFromResponse, NetworkError, PortailApiError } from './errors.js';
import type { components, paths } from './schema.js';
import { type Me, type SessionGrant, SessionStore } from './session.js';

type Schemas = components['schemas'];
export type CommunePublic = Schemas['CommunePublic'];
export type Family = Schemas['Family'];
export type FamilyPage = Schemas['FamilyPage'];
export type FamilySummary = Schemas['FamilySummary'];
export type CreateFamilyRequest = Schemas['CreateFamilyRequest'];
export type AccountSummary = Schemas['AccountSummary'];
export type Banner = Schemas['Banner'];
export type BannerInput = Schemas['BannerInput'];
export type Health = Schemas['Health'];
export type BookingOptions = Schemas['BookingOptions'];
export type Planner = Schemas['Planner'];
export type BookingPeriod = Schemas['BookingPeriod'];
export type Activity = Schemas['Activity'];
export type CreateBookingRequest = Schemas['CreateBookingRequest'];
export type BookingRequest = Schemas['BookingRequest'];
export type BookingRequestPage = Schemas['BookingRequestPage'];
export type PendingBooking = Schemas['PendingBooking'];
export type StaffFacility = Schemas['StaffFacility'];
export type StaffActivity = Schemas['StaffActivity'];
export type ActivityInput = Schemas['ActivityInput'];
export type ActivityPatch = Schemas['ActivityPatch'];
export type BookingPeriodInput = Schemas['BookingPeriodInput'];
export type BookingPeriodPatch = Schemas['BookingPeriodPatch'];
export type Closure = Schemas['Closure'];
export type ClosureInput = Schemas['ClosureInput'];
export type ClosureCreated = Schemas['ClosureCreated'];
export type Enrolment = Schemas['Enrolment'];
export type EnrolmentInput = Schemas['EnrolmentInput'];
export type AttendanceRegister = Schemas['AttendanceRegister'];
export type AttendanceActivity = Schemas['AttendanceActivity'];
export type AttendanceStatus = Schemas['AttendanceStatus'];
export type Absence = Schemas['Absence'];
export type AbsenceStatus = Schemas['AbsenceStatus'];
export type StoredFile = Schemas['StoredFile'];
export type MarkAbsenceRequest = Schemas['MarkAbsenceRequest'];
export type DeclareAbsenceRequest = Schemas['DeclareAbsenceRequest'];
export type ContactUpdate = Schemas['ContactUpdate'];
export type PendingEmailChange = Schemas['PendingEmailChange'];
export type FamilyStatus = Schemas['FamilyStatus'];
export type SharedCustody = Schemas['SharedCustody'];
export type HealthSheet = Schemas['HealthSheet'];
export type AuthorisedPerson = Schemas['AuthorisedPerson'];
export type AuthorisedPersonInput = Schemas['AuthorisedPersonInput'];
export type ChangeProposal = Schemas['ChangeProposal'];
export type ChangeRequest = Schemas['ChangeRequest'];
export type ChangeRequestStatus = Schemas['ChangeRequestStatus'];
export type PublishedDocument = Schemas['Document'];
export type DocumentCategory = Schemas['DocumentCategory'];
export type FamilyDataExport = Schemas['FamilyDataExport'];
export type AuditEntry = Schemas['AuditEntry'];
export type AuditPage = Schemas['AuditPage'];
export type RetentionSettings = Schemas['RetentionSettings'];
export type RetentionReport = Schemas['RetentionReport'];
/** What a document is, for whom and when, when staff publish it. */
export interface PublishDocumentInput {
  category: DocumentCategory;
  title: string;
  /** First and last day families see it (YYYY-MM-DD, included). */
  validFrom: string;
  validTo: string;
  /** Only the families with a child enrolled in this facility; omitted: every family. */
  facilityId?: string;
}
export interface AuditQuery {
  from?: string;
  to?: string;
  familyId?: string;
  actorId?: string;
  limit?: number;
  cursor?: string;
}
/** A downloaded document: its bytes, its (sanitised) name and its type. */
export interface DownloadedFile {
  blob: Blob;
  name: string | null;
  mediaType: string;
}
export interface BookingDecision {
  bookingId: string;
  decision: 'accept' | 'refuse';
  /** Shown to the family when refusing. */
  comment?: string;
}
export interface BookingDecisionResult {
  bookingId: string;
  state: 'booked' | 'waiting_list' | 'refused' | 'not_pending';
}

// billing
export type Invoice = Schemas['Invoice'];
export type InvoiceSummary = Schemas['InvoiceSummary'];
export type InvoicePage = Schemas['InvoicePage'];
export type PaymentPage = Schemas['PaymentPage'];
/** Which payments `listPayments` answers: one family's, in one state, or only those flagged for staff. */
export interface PaymentQuery {
  familyId?: string;
  state?: PaymentState;
  anomaly?: boolean;
}
export type InvoiceState = Schemas['InvoiceState'];
export type CreditNote = Schemas['CreditNote'];
export type CreditNoteInput = Schemas['CreditNoteInput'];
export type TariffGrid = Schemas['TariffGrid'];
export type TariffBracket = Schemas['TariffBracket'];
export type ActivityTariff = Schemas['ActivityTariff'];
export type FlatFee = Schemas['FlatFee'];
export type FlatFeeInput = Schemas['FlatFeeInput'];
export type BillingSettings = Schemas['BillingSettings'];
export type BillingRun = Schemas['BillingRun'];
export interface CreditNoteResult {
  creditNote: CreditNote;
  invoice: Invoice;
  correctedInvoice: Invoice | null;
}

// payments
export type Payment = Schemas['Payment'];
export type PaymentState = Schemas['PaymentState'];
export type PaymentMethod = Schemas['PaymentMethod'];
export type DeskPaymentMethod = Schemas['DeskPaymentMethod'];
export type PaymentRedirect = Schemas['PaymentRedirect'];
export type MyPayments = Schemas['MyPayments'];
export type ReconciliationResult = Schemas['ReconciliationResult'];
export type CollectionReport = Schemas['CollectionReport'];
export type FamilyCredit = Schemas['FamilyCredit'];
export type PaymentResolution = Schemas['PaymentResolution'];
export type PaymentResolutionInput = Schemas['PaymentResolutionInput'];
export interface CreatedPayment {
  payment: Payment;
  redirect: PaymentRedirect;
}
export interface DeskPaymentInput {
  familyId: string;
  method: DeskPaymentMethod;
  amountCents: number;
  invoiceIds: string[];
  receivedOn: string;
  reference?: string | null;
}

export interface PortailClientOptions {
  /** Base URL of the API server, e.g. `https://portail.example.fr`. */
  baseUrl: string;
  /** The commune's slug, e.g. `val-de-loire`. */
  commune: string;
  /** Sent as Accept-Language. */
  lang?: string;
  /** A fetch to use instead of the global one (tests, proxies). */
  fetch?: typeof globalThis.fetch;
}

const CLIENT_NAME = 'portail-famille-sdk';
/** Refresh a little before the access token ends rather than after a failed call. */
const REFRESH_MARGIN_MS = 30_000;

type Result<T> = { data?: T; error?: unknown; response: Response };

/**
 * The typed client of one commune's portal. `raw` is the openapi-fetch client for any
 * operation; the methods below add session handling and throw typed errors.
 */
export class PortailClient {
  readonly raw: Client<paths>;
  readonly session = new SessionStore();
  readonly commune: string;
  readonly baseUrl: string;
  lang: string;
  /** Outside a browser there is no cookie store: keep the refresh cookie here. */
  #refreshCookie: string | null = null;
  #refreshing: Promise<Me | null> | null = null;

  constructor(options: PortailClientOptions) {
    this.commune = options.commune;
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.lang = options.lang ?? 'fr';
    const customFetch = options.fetch;
    this.raw = createClient<paths>({
      baseUrl: this.baseUrl,
      credentials: 'include',
      ...(customFetch ? { fetch: (request: Request) => customFetch(request) } : {}),
    });
    this.raw.use(this.#middleware());
  }

  #middleware(): Middleware {
    return {
      onRequest: ({ request }) => {
        const token = this.session.accessToken;
        if (token && !request.headers.has('Authorization')) request.headers.set('Authorization', `Bearer ${token}`);
        request.headers.set('X-PF-Client', CLIENT_NAME);
        request.headers.set('Accept-Language', this.lang);
        if (this.#refreshCookie && typeof document === 'undefined' && /\/auth\/(refresh|logout)$/.test(new URL(request.url).pathname)) {
          request.headers.set('Cookie', `pf_refresh=${this.#refreshCookie}`);
        }
        return request;
      },
      onResponse: ({ response }) => {
        if (typeof document !== 'undefined') return response;
        for (const cookie of response.headers.getSetCookie?.() ?? []) {
          const match = /^pf_refresh=([^;]*)/.exec(cookie);
          if (match) this.#refreshCookie = match[1] ? match[1] : null;
        }
        return response;
      },
    };
  }

  get #path() {
    return { commune: this.commune };
  }

  /** Unwraps an openapi-fetch result: the data, or a typed error. */
  async #unwrap<T>(call: () => Promise<Result<T>>): Promise<T> {
    let result: Result<T>;
    try {
      result = await call();
    } catch (cause) {
      const error = new NetworkError(0, 'network_error', null, 'The server could not be reached.');
      (error as Error).cause = cause;
      throw error;
    }
    if (result.error !== undefined || !result.response.ok) throw errorFromResponse(result.response.status, result.error);
    return result.data as T;
  }

  /** A call that needs the session: refreshes the token first when it is ending, retries once after a 401. */
  async #authed<T>(call: () => Promise<Result<T>>): Promise<T> {
    if (this.session.account && this.session.expiresWithin(REFRESH_MARGIN_MS)) await this.restore();
    try {
      return await this.#unwrap(call);
    } catch (error) {
      if (!(error instanceof AuthenticationError) || !this.session.account) throw error;
      if ((await this.restore()) === null) throw error;
      return this.#unwrap(call);
    }
  }

  // --- public, no session -------------------------------------------------------

  health(): Promise<Health> {
    return this.#unwrap(() => this.raw.GET('/v1/health'));
  }

  /** Name, logo, banner and password policy: what a widget shows before login. */
  getCommune(): Promise<CommunePublic> {
    return this.#unwrap(() => this.raw.GET('/v1/communes/{commune}', { params: { path: this.#path } }));
  }

  async login(identifier: string, password: string): Promise<Me> {
    const grant: SessionGrant = await this.#unwrap(() =>
      this.raw.POST('/v1/communes/{commune}/auth/login', { params: { path: this.#path }, body: { identifier, password } }),
    );
    this.session.set(grant);
    return grant.account;
  }

  /**
   * Brings back the session from the refresh cookie (after a page load, or when the
   * access token ends). Answers null when there is none; never throws for that.
   */
  restore(): Promise<Me | null> {
    this.#refreshing ??= this.#refresh().finally(() => {
      this.#refreshing = null;
    });
    return this.#refreshing;
  }

  async #refresh(): Promise<Me | null> {
    try {
      const grant = await this.#unwrap(() =>
        this.raw.POST('/v1/communes/{commune}/auth/refresh', {
          params: { path: this.#path, header: { 'X-PF-Client': CLIENT_NAME } },
        }),
      );
      // 204: the browser holds no session cookie at all.
      if (!grant) {
        this.session.clear();
        return null;
      }
      this.session.set(grant);
      return grant.account;
    } catch (error) {
      if (error instanceof PortailApiError && error.status === 401) {
        this.session.clear();
        return null;
      }
      throw error;
    }
  }

  async logout(): Promise<void> {
    try {
      await this.#unwrap(() =>
        this.raw.POST('/v1/communes/{commune}/auth/logout', {
          params: { path: this.#path, header: { 'X-PF-Client': CLIENT_NAME } },
        }),
      );
    } finally {
      this.#refreshCookie = null;
      this.session.clear();
    }
  }

  /** « Identifiant ou mot de passe oublié » — always succeeds, whether the email is known or not. */
  async requestPasswordReset(email: string): Promise<void> {
    await this.#unwrap(() => this.raw.POST('/v1/communes/{commune}/auth/forgot', { params: { path: this.#path }, body: { email } }));
  }

  /** Sets the first password from the activation link; answers the identifier to log in with. */
  async activate(token: string, password: string): Promise<string> {
    const result = await this.#unwrap(() =>
      this.raw.POST('/v1/communes/{commune}/auth/activate', { params: { path: this.#path }, body: { token, password } }),
    );
    return result.identifier;
  }

  /** Sets a new password from the reset link; answers the identifier to log in with. */
  async resetPassword(token: string, password: string): Promise<string> {
    const result = await this.#unwrap(() =>
      this.raw.POST('/v1/communes/{commune}/auth/reset-password', { params: { path: this.#path }, body: { token, password } }),
    );
    return result.identifier;
  }

  // --- with a session -----------------------------------------------------------

  getMe(): Promise<Me> {
    return this.#authed(() => this.raw.GET('/v1/communes/{commune}/me', { params: { path: this.#path } }));
  }

  getMyFamily(): Promise<Family> {
    return this.#authed(() => this.raw.GET('/v1/communes/{commune}/family', { params: { path: this.#path } }));
  }

  // --- bookings (parents) ------------------------------------------------------------

  /** What a child can book: facilities, activities, periods — or why nothing (`notice`). */
  getBookingOptions(childId: string): Promise<BookingOptions> {
    return this.#authed(() =>
      this.raw.GET('/v1/communes/{commune}/children/{childId}/booking-options', { params: { path: { ...this.#path, childId } } }),
    );
  }

  getPlanner(childId: string, periodId: string): Promise<Planner> {
    return this.#authed(() =>
      this.raw.GET('/v1/communes/{commune}/children/{childId}/periods/{periodId}/planner', {
        params: { path: { ...this.#path, childId, periodId } },
      }),
    );
  }

  /**
   * Submits adds and cancellations for one child and period; each line comes back with its
   * outcome. A retry with the same `idempotencyKey` (one is made when absent) never books twice.
   */
  submitBookingRequest(
    childId: string,
    periodId: string,
    lines: CreateBookingRequest['lines'],
    options: { idempotencyKey?: string } = {},
  ): Promise<BookingRequest> {
    const key = options.idempotencyKey ?? globalThis.crypto.randomUUID();
    return this.#authed(() =>
      this.raw.POST('/v1/communes/{commune}/children/{childId}/periods/{periodId}/requests', {
        params: { path: { ...this.#path, childId, periodId }, header: { 'Idempotency-Key': key } },
        body: { lines },
      }),
    );
  }

  listBookingRequests(query: { limit?: number; cursor?: string } = {}): Promise<BookingRequestPage> {
    return this.#authed(() => this.raw.GET('/v1/communes/{commune}/booking-requests', { params: { path: this.#path, query } }));
  }

  /** « Mes réservations », newest first, page after page. */
  async *iterateBookingRequests(query: { limit?: number } = {}): AsyncGenerator<BookingRequest> {
    let cursor: string | undefined;
    do {
      const page = await this.listBookingRequests({ ...query, ...(cursor ? { cursor } : {}) });
      yield* page.items;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }

  getBookingRequest(requestId: string): Promise<BookingRequest> {
    return this.#authed(() =>
      this.raw.GET('/v1/communes/{commune}/booking-requests/{requestId}', { params: { path: { ...this.#path, requestId } } }),
    );
  }

  /** A new secret calendar (ICS) address of the family's bookings; the previous one stops working. */
  async createCalendarFeed(): Promise<string> {
    const feed = await this.#authed(() => this.raw.POST('/v1/communes/{commune}/family/calendar-feed', { params: { path: this.#path } }));
    return feed.url;
  }

  // --- staff ---------------------------------------------------------------------

  listFamilies(query: { q?: string; limit?: number; cursor?: string } = {}): Promise<FamilyPage> {
    return this.#authed(() => this.raw.GET('/v1/communes/{commune}/staff/families', { params: { path: this.#path, query } }));
  }

  /** Every family matching `q`, page after page: `for await (const f of client.iterateFamilies())`. */
  async *iterateFamilies(query: { q?: string; limit?: number } = {}): AsyncGenerator<FamilySummary> {
    let cursor: string | undefined;
    do {
      const page = await this.listFamilies({ ...query, ...(cursor ? { cursor } : {}) });
      yield* page.items;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }

  getFamily(familyId: string): Promise<Family> {
    return this.#authed(() =>
      this.raw.GET('/v1/communes/{commune}/staff/families/{familyId}', { params: { path: { ...this.#path, familyId } } }),
    );
  }

  /** Creates a family; a retry with the same `idempotencyKey` (one is made when absent) never creates twice. */
  createFamily(body: CreateFamilyRequest, options: { idempotencyKey?: string } = {}): Promise<Family> {
    const key = options.idempotencyKey ?? globalThis.crypto.randomUUID();
    return this.#authed(() =>
      this.raw.POST('/v1/communes/{commune}/staff/families', {
        params: { path: this.#path, header: { 'Idempotency-Key': key } },
        body,
      }),
    );
  }

  createGuardianAccount(guardianId: string, identifier?: string): Promise<AccountSummary> {
    return this.#authed(() =>
      this.raw.POST('/v1/communes/{commune}/staff/guardians/{guardianId}/account', {
        params: { path: { ...this.#path, guardianId } },
        body: identifier ? { identifier } : {},
      }),
    );
  }

  getAccount(accountId: string): Promise<AccountSummary> {
    return this.#authed(() =>
      this.raw.GET('/v1/communes/{commune}/staff/accounts/{accountId}', { params: { path: { ...this.#path, accountId } } }),
    );
  }

  resendActivation(accountId: string): Promise<AccountSummary> {
    return this.#authed(() =>
      this.raw.POST('/v1/communes/{commune}/staff/accounts/{accountId}/activation-email', {
        params: { path: { ...this.#path, accountId } },
      }),
    );
  }

  unlockAccount(accountId: string): Promise<AccountSummary> {
    return this.#authed(() =>
      this.raw.POST('/v1/communes/{commune}/staff/accounts/{accountId}/unlock', { params: { path: { ...this.#path, accountId } } }),
    );
  }

  /** Days awaiting a staff decision, oldest first (roles admin, agent). */
  async listPendingBookings(query: { activityId?: string; limit?: number } = {}): Promise<PendingBooking[]> {
    const page = await this.#authed(() =>
      this.raw.GET('/v1/communes/{commune}/staff/pending-bookings', { params: { path: this.#path, query } }),
    );
    return page.items;
  }

  /** Accepts or refuses pending days; each comes back with what became of it. */
  async decideBookings(decisions: BookingDecision[]): Promise<BookingDecisionResult[]> {
    const answer = await this.#authed(() =>
      this.raw.POST('/v1/communes/{commune}/staff/booking-decisions', { params: { path: this.#path }, body: { decisions } }),
    );
    return answer.results;
  }

  // --- attendance (« l'appel ») and absences ------------------------------------------

  /** The activities running on a day, with the children expected and recorded (admin, agent). */
  async listAttendanceActivities(date: string): Promise<AttendanceActivity[]> {
    const list = await this.#authed(() =>
      this.raw.GET('/v1/communes/{commune}/staff/attendance/activities', { params: { path: this.#path, query: { date } } }),
    );
    return list.items;
  }

  /** The register of one activity's day: the children expected and what was recorded (admin, agent). */
  getAttendanceRegister(activityId: string, date: string): Promise<AttendanceRegister> {
    return this.#authed(() =>
      this.raw.GET('/v1/communes/{commune}/staff/attendance', { params: { path: this.#path, query: { activityId, date } } }),
    );
  }

  /** Records the day's register in bulk; it replaces what was recorded that day (admin, agent). */
  recordAttendance(
    activityId: string,
    date: string,
    records: { childId: string; status: AttendanceStatus }[],
  ): Promise<AttendanceRegister> {
    return this.#authed(() =>
      this.raw.PUT('/v1/communes/{commune}/staff/attendance', { params: { path: this.#path }, body: { activityId, date, records } }),
    );
  }

  /** Absences, oldest day first; by default those declared by families and not yet decided (admin, agent). */
  async listAbsences(query: { status?: AbsenceStatus; activityId?: string; limit?: number } = {}): Promise<Absence[]> {
    const list = await this.#authed(() => this.raw.GET('/v1/communes/{commune}/staff/absences', { params: { path: this.#path, query } }));
    return list.items;
  }

  /** Marks a booked day's absence excused (not billed) or not excused (admin, agent). */
  markAbsence(input: MarkAbsenceRequest): Promise<Absence> {
    return this.#authed(() => this.raw.POST('/v1/communes/{commune}/staff/absences', { params: { path: this.#path }, body: input }));
  }

  /** A child's absences, newest first (parent). */
  async listChildAbsences(childId: string): Promise<Absence[]> {
    const list = await this.#authed(() =>
      this.raw.GET('/v1/communes/{commune}/children/{childId}/absences', { params: { path: { ...this.#path, childId } } }),
    );
    return list.items;
  }

  /** Declares a child's absence on a booked day (parent); declaring it again answers the same absence. */
  declareAbsence(childId: string, input: DeclareAbsenceRequest): Promise<Absence> {
    return this.#authed(() =>
      this.raw.POST('/v1/communes/{commune}/children/{childId}/absences', { params: { path: { ...this.#path, childId } }, body: input }),
    );
  }

  /**
   * Joins a supporting document (PDF, JPEG or PNG) to an absence, replacing any previous
   * one. The server reads the type from the content; a refusal is a FileRejectedError.
   */
  uploadAbsenceDocument(absenceId: string, file: Blob | Uint8Array, name?: string): Promise<Absence> {
    const header = name === undefined ? {} : { 'X-PF-Filename': encodeURIComponent(name) };
    return this.#authed(() =>
      this.raw.PUT('/v1/communes/{commune}/absences/{absenceId}/document', {
        params: { path: { ...this.#path, absenceId }, header },
        // The bytes as they are: the contract's body is `format: binary`.
        body: file as unknown as string,
        bodySerializer: (body: unknown) => body as BodyInit,
        headers: { 'Content-Type': 'application/octet-stream' },
      }),
    );
  }

  /** Downloads an absence's supporting document (staff of the commune, or the child's family). */
  async downloadAbsenceDocument(absenceId: string): Promise<DownloadedFile> {
    let headers: Headers | null = null;
    const blob = await this.#authed(async () => {
      const result = await this.raw.GET('/v1/communes/{commune}/absences/{absenceId}/document', {
        params: { path: { ...this.#path, absenceId } },
        parseAs: 'blob',
      });
      headers = result.response.headers;
      return result;
    });
    const h = headers as Headers | null;
    return { blob, name: fileNameOf(h?.get('Content-Disposition') ?? null), mediaType: h?.get('Content-Type') ?? blob.type };
  }

  // --- « Mes informations » and change requests ----------------------------------------

  /** Changes the logged-in parent's own phone and/or the family's address at once (parent). */
  updateMyContact(update: ContactUpdate): Promise<Family> {
    return this.#authed(() => this.raw.PATCH('/v1/communes/{commune}/family/contact', { params: { path: this.#path }, body: update }));
  }

  /** Sends a confirmation link to the new address; the current one stays until the link is opened (parent). */
  requestEmailChange(email: string): Promise<PendingEmailChange> {
    return this.#authed(() =>
      this.raw.POST('/v1/communes/{commune}/family/email-change', { params: { path: this.#path }, body: { email } }),
    );
  }

  /** Confirms an email change with the token of the emailed link (no session needed); answers the new address. */
  async confirmEmailChange(token: string): Promise<string> {
    const result = await this.#unwrap(() =>
      this.raw.POST('/v1/communes/{commune}/auth/confirm-email', { params: { path: this.#path }, body: { token } }),
    );
    return result.email;
  }

  /** The family's change requests, newest first, with state and staff's comment (parent). */
  async listMyChangeRequests(): Promise<ChangeRequest[]> {
    const list = await this.#authed(() => this.raw.GET('/v1/communes/{commune}/family/change-requests', { params: { path: this.#path } }));
    return list.items;
  }

  /** Asks staff to change something sensitive; the current value stays until they accept (parent). */
  createChangeRequest(change: ChangeProposal, options: { comment?: string; idempotencyKey?: string } = {}): Promise<ChangeRequest> {
    const key = options.idempotencyKey ?? globalThis.crypto.randomUUID();
    return this.#authed(() =>
      this.raw.POST('/v1/communes/{commune}/family/change-requests', {
        params: { path: this.#path, header: { 'Idempotency-Key': key } },
        body: { change, ...(options.comment ? { comment: options.comment } : {}) },
      }),
    );
  }

  /** Joins a supporting document (PDF, JPEG or PNG) to a pending request; a refusal is a FileRejectedError (parent). */
  uploadChangeRequestAttachment(changeRequestId: string, file: Blob | Uint8Array, name?: string): Promise<ChangeRequest> {
    const header = name === undefined ? {} : { 'X-PF-Filename': encodeURIComponent(name) };
    return this.#authed(() =>
      this.raw.POST('/v1/communes/{commune}/change-requests/{changeRequestId}/attachments', {
        params: { path: { ...this.#path, changeRequestId }, header },
        body: file as unknown as string,
        bodySerializer: (body: unknown) => body as BodyInit,
        headers: { 'Content-Type': 'application/octet-stream' },
      }),
    );
  }

  /** Downloads a request's supporting document (the family, or staff admin/agent). */
  async downloadChangeRequestAttachment(changeRequestId: string, attachmentId: string): Promise<DownloadedFile> {
    let headers: Headers | null = null;
    const blob = await this.#authed(async () => {
      const result = await this.raw.GET('/v1/communes/{commune}/change-requests/{changeRequestId}/attachments/{attachmentId}', {
        params: { path: { ...this.#path, changeRequestId, attachmentId } },
        parseAs: 'blob',
      });
      headers = result.response.headers;
      return result;
    });
    const h = headers as Headers | null;
    return { blob, name: fileNameOf(h?.get('Content-Disposition') ?? null), mediaType: h?.get('Content-Type') ?? blob.type };
  }

  /** Families' requests in one state — pending (oldest first) by default (admin, agent). */
  async listChangeRequests(query: { status?: ChangeRequestStatus; limit?: number } = {}): Promise<ChangeRequest[]> {
    const list = await this.#authed(() =>
      this.raw.GET('/v1/communes/{commune}/staff/change-requests', { params: { path: this.#path, query } }),
    );
    return list.items;
  }

  /** Accepts a pending request: its change is applied at once (admin, agent). A ConflictError when already decided. */
  acceptChangeRequest(changeRequestId: string, comment?: string): Promise<ChangeRequest> {
    return this.#authed(() =>
      this.raw.POST('/v1/communes/{commune}/staff/change-requests/{changeRequestId}/accept', {
        params: { path: { ...this.#path, changeRequestId } },
        body: comment ? { comment } : {},
      }),
    );
  }

  /** Rejects a pending request with a comment the family sees (admin, agent). */
  rejectChangeRequest(changeRequestId: string, comment: string): Promise<ChangeRequest> {
    return this.#authed(() =>
      this.raw.POST('/v1/communes/{commune}/staff/change-requests/{changeRequestId}/reject', {
        params: { path: { ...this.#path, changeRequestId } },
        body: { comment },
      }),
    );
  }

  // --- documents -------------------------------------------------------------------

  /** The documents meant for the parent's family and valid today, newest first (parent). */
  async listDocuments(query: { category?: DocumentCategory } = {}): Promise<PublishedDocument[]> {
    const list = await this.#authed(() => this.raw.GET('/v1/communes/{commune}/documents', { params: { path: this.#path, query } }));
    return list.items;
  }

  /** Downloads a document meant for the parent's family (any other is NotFoundError). */
  downloadDocument(documentId: string): Promise<DownloadedFile> {
    return this.#download(() =>
      this.raw.GET('/v1/communes/{commune}/documents/{documentId}/file', {
        params: { path: { ...this.#path, documentId } },
        parseAs: 'blob',
      }),
    );
  }

  /** Every document of the commune, published or not, newest first (admin, agent). */
  async listStaffDocuments(query: { category?: DocumentCategory } = {}): Promise<PublishedDocument[]> {
    const list = await this.#authed(() => this.raw.GET('/v1/communes/{commune}/staff/documents', { params: { path: this.#path, query } }));
    return list.items;
  }

  /**
   * Publishes a PDF, JPEG or PNG for families (admin, agent). The server reads the type
   * from the content; a refusal is a FileRejectedError and leaves nothing behind.
   */
  publishDocument(input: PublishDocumentInput, file: Blob | Uint8Array, name?: string): Promise<PublishedDocument> {
    const header = name === undefined ? {} : { 'X-PF-Filename': encodeURIComponent(name) };
    return this.#authed(() =>
      this.raw.POST('/v1/communes/{commune}/staff/documents', {
        params: { path: this.#path, query: input, header },
        body: file as unknown as string,
        bodySerializer: (body: unknown) => body as BodyInit,
        headers: { 'Content-Type': 'application/octet-stream' },
      }),
    );
  }

  /** Families no longer see the document; staff still do (admin, agent). */
  unpublishDocument(documentId: string): Promise<PublishedDocument> {
    return this.#authed(() =>
      this.raw.DELETE('/v1/communes/{commune}/staff/documents/{documentId}', { params: { path: { ...this.#path, documentId } } }),
    );
  }

  /** Downloads any document of the commune (admin, agent). */
  downloadStaffDocument(documentId: string): Promise<DownloadedFile> {
    return this.#download(() =>
      this.raw.GET('/v1/communes/{commune}/staff/documents/{documentId}/file', {
        params: { path: { ...this.#path, documentId } },
        parseAs: 'blob',
      }),
    );
  }

  // --- data rights (RGPD) ------------------------------------------------------------

  /** All the family's data as a JSON file, ready to save (parent). `JSON.parse(await file.blob.text())` reads it. */
  exportMyFamilyData(): Promise<DownloadedFile> {
    return this.#download(() =>
      this.raw.GET('/v1/communes/{commune}/family/data-export', { params: { path: this.#path }, parseAs: 'blob' }),
    );
  }

  /** One page of the audit log, newest first (admin). */
  listAuditLog(query: AuditQuery = {}): Promise<AuditPage> {
    return this.#authed(() => this.raw.GET('/v1/communes/{commune}/staff/audit-log', { params: { path: this.#path, query } }));
  }

  /** Every matching entry of the audit log, page after page (admin). */
  async *iterateAuditLog(query: Omit<AuditQuery, 'cursor'> = {}): AsyncGenerator<AuditEntry> {
    let cursor: string | undefined;
    do {
      const page = await this.listAuditLog({ ...query, ...(cursor ? { cursor } : {}) });
      yield* page.items;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }

  getRetentionSettings(): Promise<RetentionSettings> {
    return this.#authed(() => this.raw.GET('/v1/communes/{commune}/staff/retention', { params: { path: this.#path } }));
  }

  /** How many months an inactive family's data is kept (admin). */
  setRetentionSettings(months: number): Promise<RetentionSettings> {
    return this.#authed(() => this.raw.PUT('/v1/communes/{commune}/staff/retention', { params: { path: this.#path }, body: { months } }));
  }

  /** Purges the families inactive beyond the retention period now — or, `dryRun`, says which it would (admin). */
  runRetention(options: { dryRun: boolean }): Promise<RetentionReport> {
    return this.#authed(() =>
      this.raw.POST('/v1/communes/{commune}/staff/retention/runs', { params: { path: this.#path }, body: { dryRun: options.dryRun } }),
    );
  }

  /** A file answer: its bytes, with the name and type the server gave. */
  async #download(call: () => Promise<Result<Blob>>): Promise<DownloadedFile> {
    let headers: Headers | null = null;
    const blob = await this.#authed(async () => {
      const result = await call();
      headers = result.response.headers;
      return result;
    });
    const h = headers as Headers | null;
    return { blob, name: fileNameOf(h?.get('Content-Disposition') ?? null), mediaType: h?.get('Content-Type') ?? blob.type };
  }

  setBanner(banner: BannerInput): Promise<Banner> {
    return this.#authed(() => this.raw.PUT('/v1/communes/{commune}/staff/banner', { params: { path: this.#path }, body: banner }));
  }

  async clearBanner(): Promise<void> {
    await this.#authed(() => this.raw.DELETE('/v1/communes/{commune}/staff/banner', { params: { path: this.#path } }));
  }

  /**
   * Sets (or replaces) the logo drawn on invoices, credit notes and receipts (role admin): a
   * PNG or JPEG of at most 1 MiB and 1500 × 1500 pixels, its type read from its content.
   */
  setCommuneLogo(file: Blob | Uint8Array, name?: string): Promise<StoredFile> {
    const header = name === undefined ? {} : { 'X-PF-Filename': encodeURIComponent(name) };
    return this.#authed(() =>
      this.raw.PUT('/v1/communes/{commune}/staff/logo', {
        params: { path: this.#path, header },
        // The bytes as they are: the contract's body is `format: binary`.
        body: file as unknown as string,
        bodySerializer: (body: unknown) => body as BodyInit,
        headers: { 'Content-Type': 'application/octet-stream' },
      }),
    );
  }

  /** The logo on the commune's documents (role admin); NotFoundError when there is none. */
  getCommuneLogo(): Promise<DownloadedFile> {
    return this.#download(() => this.raw.GET('/v1/communes/{commune}/staff/logo', { params: { path: this.#path }, parseAs: 'blob' }));
  }

  /** Removes the logo: documents show the commune's name alone again (role admin). */
  async removeCommuneLogo(): Promise<void> {
    await this.#authed(() => this.raw.DELETE('/v1/communes/{commune}/staff/logo', { params: { path: this.#path } }));
  }

  // --- staff: the bookings catalogue -------------------------------------------------

  /** Facilities with all their activities (role admin). */
  async listFacilities(): Promise<StaffFacility[]> {
    const page = await this.#authed(() => this.raw.GET('/v1/communes/{commune}/staff/facilities', { params: { path: this.#path } }));
    return page.items;
  }

  /** Creates a facility (role admin); a retry with the same `idempotencyKey` (one is made when absent) creates nothing more. */
  createFacility(name: string, options: { idempotencyKey?: string } = {}): Promise<StaffFacility> {
    const key = options.idempotencyKey ?? globalThis.crypto.randomUUID();
    return this.#authed(() =>
      this.raw.POST('/v1/communes/{commune}/staff/facilities', {
        params: { path: this.#path, header: { 'Idempotency-Key': key } },
        body: { name },
      }),
    );
  }

  renameFacility(facilityId: string, name: string): Promise<StaffFacility> {
    return this.#authed(() =>
      this.raw.PATCH('/v1/communes/{commune}/staff/facilities/{facilityId}', {
        params: { path: { ...this.#path, facilityId } },
        body: { name },
      }),
    );
  }

  createActivity(facilityId: string, activity: ActivityInput, options: { idempotencyKey?: string } = {}): Promise<StaffActivity> {
    const key = options.idempotencyKey ?? globalThis.crypto.randomUUID();
    return this.#authed(() =>
      this.raw.POST('/v1/communes/{commune}/staff/facilities/{facilityId}/activities', {
        params: { path: { ...this.#path, facilityId }, header: { 'Idempotency-Key': key } },
        body: activity,
      }),
    );
  }

  /**
   * Changes some settings of an activity. Lowering the capacity below the places already
   * taken on a coming day throws a ConflictError `capacity_below_bookings` whose
   * `problem.dates` lists those days.
   */
  updateActivity(activityId: string, patch: ActivityPatch): Promise<StaffActivity> {
    return this.#authed(() =>
      this.raw.PATCH('/v1/communes/{commune}/staff/activities/{activityId}', {
        params: { path: { ...this.#path, activityId } },
        body: patch,
      }),
    );
  }

  /** Every booking period, upcoming, open or closed (role admin). */
  async listStaffBookingPeriods(query: { facilityId?: string } = {}): Promise<BookingPeriod[]> {
    const page = await this.#authed(() =>
      this.raw.GET('/v1/communes/{commune}/staff/booking-periods', { params: { path: this.#path, query } }),
    );
    return page.items;
  }

  createBookingPeriod(period: BookingPeriodInput, options: { idempotencyKey?: string } = {}): Promise<BookingPeriod> {
    const key = options.idempotencyKey ?? globalThis.crypto.randomUUID();
    return this.#authed(() =>
      this.raw.POST('/v1/communes/{commune}/staff/booking-periods', {
        params: { path: this.#path, header: { 'Idempotency-Key': key } },
        body: period,
      }),
    );
  }

  updateBookingPeriod(periodId: string, patch: BookingPeriodPatch): Promise<BookingPeriod> {
    return this.#authed(() =>
      this.raw.PATCH('/v1/communes/{commune}/staff/booking-periods/{periodId}', {
        params: { path: { ...this.#path, periodId } },
        body: patch,
      }),
    );
  }

  /** Deletes a period nobody booked in; otherwise throws a ConflictError `period_has_bookings`. */
  async deleteBookingPeriod(periodId: string): Promise<void> {
    await this.#authed(() =>
      this.raw.DELETE('/v1/communes/{commune}/staff/booking-periods/{periodId}', { params: { path: { ...this.#path, periodId } } }),
    );
  }

  /** Closures of the commune and its facilities (roles admin, agent); `from` keeps those ending on or after that day. */
  async listClosures(query: { from?: string } = {}): Promise<Closure[]> {
    const page = await this.#authed(() => this.raw.GET('/v1/communes/{commune}/staff/closures', { params: { path: this.#path, query } }));
    return page.items;
  }

  /**
   * Closes days (roles admin, agent). Bookings on them are cancelled and the families
   * emailed; the answer says how many bookings were cancelled.
   */
  createClosure(closure: ClosureInput, options: { idempotencyKey?: string } = {}): Promise<ClosureCreated> {
    const key = options.idempotencyKey ?? globalThis.crypto.randomUUID();
    return this.#authed(() =>
      this.raw.POST('/v1/communes/{commune}/staff/closures', {
        params: { path: this.#path, header: { 'Idempotency-Key': key } },
        body: closure,
      }),
    );
  }

  async deleteClosure(closureId: string): Promise<void> {
    await this.#authed(() =>
      this.raw.DELETE('/v1/communes/{commune}/staff/closures/{closureId}', { params: { path: { ...this.#path, closureId } } }),
    );
  }

  /** A child's enrolments (roles admin, agent). */
  async listEnrolments(childId: string): Promise<Enrolment[]> {
    const page = await this.#authed(() =>
      this.raw.GET('/v1/communes/{commune}/staff/children/{childId}/enrolments', { params: { path: { ...this.#path, childId } } }),
    );
    return page.items;
  }

  createEnrolment(childId: string, enrolment: EnrolmentInput, options: { idempotencyKey?: string } = {}): Promise<Enrolment> {
    const key = options.idempotencyKey ?? globalThis.crypto.randomUUID();
    return this.#authed(() =>
      this.raw.POST('/v1/communes/{commune}/staff/children/{childId}/enrolments', {
        params: { path: { ...this.#path, childId }, header: { 'Idempotency-Key': key } },
        body: enrolment,
      }),
    );
  }

  /** Ends an enrolment on `validTo` (the child leaves the activity). */
  endEnrolment(enrolmentId: string, validTo: string): Promise<Enrolment> {
    return this.#authed(() =>
      this.raw.PATCH('/v1/communes/{commune}/staff/enrolments/{enrolmentId}', {
        params: { path: { ...this.#path, enrolmentId } },
        body: { validTo },
      }),
    );
  }

  async deleteEnrolment(enrolmentId: string): Promise<void> {
    await this.#authed(() =>
      this.raw.DELETE('/v1/communes/{commune}/staff/enrolments/{enrolmentId}', { params: { path: { ...this.#path, enrolmentId } } }),
    );
  }

  // --- billing: the family (« Mes factures ») -------------------------------------------

  listMyInvoices(query: { limit?: number; cursor?: string } = {}): Promise<InvoicePage> {
    return this.#authed(() => this.raw.GET('/v1/communes/{commune}/invoices', { params: { path: this.#path, query } }));
  }

  /** « Mes factures », newest first, page after page. */
  async *iterateMyInvoices(query: { limit?: number } = {}): AsyncGenerator<InvoiceSummary> {
    let cursor: string | undefined;
    do {
      const page = await this.listMyInvoices({ ...query, ...(cursor ? { cursor } : {}) });
      yield* page.items;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }

  getMyInvoice(invoiceId: string): Promise<Invoice> {
    return this.#authed(() =>
      this.raw.GET('/v1/communes/{commune}/invoices/{invoiceId}', { params: { path: { ...this.#path, invoiceId } } }),
    );
  }

  /** The invoice as a PDF (a Blob: `URL.createObjectURL(blob)` in a browser). */
  getMyInvoicePdf(invoiceId: string): Promise<Blob> {
    return this.#authed(() =>
      this.raw.GET('/v1/communes/{commune}/invoices/{invoiceId}/pdf', {
        params: { path: { ...this.#path, invoiceId } },
        parseAs: 'blob',
      }),
    );
  }

  /** One of the family's credit notes (avoirs, listed in `Invoice.creditNotes`) as a PDF Blob. */
  getMyCreditNotePdf(creditNoteId: string): Promise<Blob> {
    return this.#authed(() =>
      this.raw.GET('/v1/communes/{commune}/credit-notes/{creditNoteId}/pdf', {
        params: { path: { ...this.#path, creditNoteId } },
        parseAs: 'blob',
      }),
    );
  }

  // --- billing: staff (roles admin, billing) ---------------------------------------------

  getTariffs(): Promise<TariffGrid> {
    return this.#authed(() => this.raw.GET('/v1/communes/{commune}/staff/tariffs', { params: { path: this.#path } }));
  }

  /** An activity's price per unit by quotient familial bracket; the last bracket is open (`upToQuotient: null`). */
  setActivityTariff(activityId: string, brackets: TariffBracket[]): Promise<ActivityTariff> {
    return this.#authed(() =>
      this.raw.PUT('/v1/communes/{commune}/staff/activities/{activityId}/tariff', {
        params: { path: { ...this.#path, activityId } },
        body: { brackets },
      }),
    );
  }

  createFlatFee(fee: FlatFeeInput): Promise<FlatFee> {
    return this.#authed(() => this.raw.POST('/v1/communes/{commune}/staff/flat-fees', { params: { path: this.#path }, body: fee }));
  }

  async retireFlatFee(feeId: string): Promise<void> {
    await this.#authed(() =>
      this.raw.DELETE('/v1/communes/{commune}/staff/flat-fees/{feeId}', { params: { path: { ...this.#path, feeId } } }),
    );
  }

  getBillingSettings(): Promise<BillingSettings> {
    return this.#authed(() => this.raw.GET('/v1/communes/{commune}/staff/billing-settings', { params: { path: this.#path } }));
  }

  setBillingSettings(settings: BillingSettings): Promise<BillingSettings> {
    return this.#authed(() =>
      this.raw.PUT('/v1/communes/{commune}/staff/billing-settings', { params: { path: this.#path }, body: settings }),
    );
  }

  /** Sets a family's quotient familial (null: unknown, the full price). */
  async setQuotientFamilial(familyId: string, quotientFamilial: number | null): Promise<number | null> {
    const answer = await this.#authed(() =>
      this.raw.PUT('/v1/communes/{commune}/staff/families/{familyId}/quotient-familial', {
        params: { path: { ...this.#path, familyId } },
        body: { quotientFamilial },
      }),
    );
    return answer.quotientFamilial;
  }

  /** Bills a month (`YYYY-MM`); running it again bills only what is new. */
  runBilling(month: string): Promise<BillingRun> {
    return this.#authed(() =>
      this.raw.POST('/v1/communes/{commune}/staff/billing-runs', { params: { path: this.#path }, body: { month } }),
    );
  }

  listInvoices(
    query: { familyId?: string; month?: string; state?: InvoiceState; limit?: number; cursor?: string } = {},
  ): Promise<InvoicePage> {
    return this.#authed(() => this.raw.GET('/v1/communes/{commune}/staff/invoices', { params: { path: this.#path, query } }));
  }

  getInvoice(invoiceId: string): Promise<Invoice> {
    return this.#authed(() =>
      this.raw.GET('/v1/communes/{commune}/staff/invoices/{invoiceId}', { params: { path: { ...this.#path, invoiceId } } }),
    );
  }

  getInvoicePdf(invoiceId: string): Promise<Blob> {
    return this.#authed(() =>
      this.raw.GET('/v1/communes/{commune}/staff/invoices/{invoiceId}/pdf', {
        params: { path: { ...this.#path, invoiceId } },
        parseAs: 'blob',
      }),
    );
  }

  /** A credit note as the family receives it (audited). */
  getCreditNotePdf(creditNoteId: string): Promise<Blob> {
    return this.#authed(() =>
      this.raw.GET('/v1/communes/{commune}/staff/credit-notes/{creditNoteId}/pdf', {
        params: { path: { ...this.#path, creditNoteId } },
        parseAs: 'blob',
      }),
    );
  }

  /**
   * A credit note (avoir) on an invoice: partial, or cancelling (optionally with a corrected
   * invoice). A retry with the same `idempotencyKey` (one is made when absent) never credits twice.
   */
  createCreditNote(invoiceId: string, input: CreditNoteInput, options: { idempotencyKey?: string } = {}): Promise<CreditNoteResult> {
    const key = options.idempotencyKey ?? globalThis.crypto.randomUUID();
    return this.#authed(() =>
      this.raw.POST('/v1/communes/{commune}/staff/invoices/{invoiceId}/credit-notes', {
        params: { path: { ...this.#path, invoiceId }, header: { 'Idempotency-Key': key } },
        body: input,
      }),
    );
  }

  // --- payments: the family -------------------------------------------------------------

  /** The family's payments (newest first) and the credit on its account. */
  listMyPayments(): Promise<MyPayments> {
    return this.#authed(() => this.raw.GET('/v1/communes/{commune}/payments', { params: { path: this.#path } }));
  }

  /**
   * « Payer en ligne »: one payment for these invoices (the server computes the amount).
   * Send the browser to `redirect`; it comes back to `returnUrl` with `pf-payment=<id>`, then
   * call `confirmMyPayment`. A retry with the same `idempotencyKey` is the same payment.
   */
  createPayment(invoiceIds: string[], options: { returnUrl?: string; idempotencyKey?: string } = {}): Promise<CreatedPayment> {
    const key = options.idempotencyKey ?? globalThis.crypto.randomUUID();
    return this.#authed(() =>
      this.raw.POST('/v1/communes/{commune}/payments', {
        params: { path: this.#path, header: { 'Idempotency-Key': key } },
        body: { invoiceIds, ...(options.returnUrl ? { returnUrl: options.returnUrl } : {}) },
      }),
    );
  }

  getMyPayment(paymentId: string): Promise<Payment> {
    return this.#authed(() =>
      this.raw.GET('/v1/communes/{commune}/payments/{paymentId}', { params: { path: { ...this.#path, paymentId } } }),
    );
  }

  /** Back from the provider: the server asks the provider itself and answers the payment as it stands. */
  confirmMyPayment(paymentId: string): Promise<Payment> {
    return this.#authed(() =>
      this.raw.POST('/v1/communes/{commune}/payments/{paymentId}/confirm', { params: { path: { ...this.#path, paymentId } } }),
    );
  }

  /** The receipt of a validated payment, as a PDF Blob. */
  getMyPaymentReceipt(paymentId: string): Promise<Blob> {
    return this.#authed(() =>
      this.raw.GET('/v1/communes/{commune}/payments/{paymentId}/receipt', {
        params: { path: { ...this.#path, paymentId } },
        parseAs: 'blob',
      }),
    );
  }

  // --- payments: staff (roles admin, billing) ---------------------------------------------

  /** The commune's payments, newest first, one page (`nextCursor` asks for the next). */
  listPayments(query: PaymentQuery & { limit?: number; cursor?: string } = {}): Promise<PaymentPage> {
    return this.#authed(() => this.raw.GET('/v1/communes/{commune}/staff/payments', { params: { path: this.#path, query } }));
  }

  /** The commune's payments, newest first, page after page: `for await (const p of client.iteratePayments())`. */
  async *iteratePayments(query: PaymentQuery & { limit?: number } = {}): AsyncGenerator<Payment> {
    let cursor: string | undefined;
    do {
      const page = await this.listPayments({ ...query, ...(cursor ? { cursor } : {}) });
      yield* page.items;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }

  /** A payment received at the desk (cheque, cash, CESU, card) or paid from the family's credit. */
  recordPayment(input: DeskPaymentInput, options: { idempotencyKey?: string } = {}): Promise<Payment> {
    const key = options.idempotencyKey ?? globalThis.crypto.randomUUID();
    return this.#authed(() =>
      this.raw.POST('/v1/communes/{commune}/staff/payments', {
        params: { path: this.#path, header: { 'Idempotency-Key': key } },
        body: input,
      }),
    );
  }

  /**
   * Settles a payment flagged for staff (`anomaly`): accept the amount actually received
   * (allocated once, the rest kept as credit) or reject it (its invoices are free again), with
   * a comment. A second decision is a `payment_not_flagged` ConflictError; a retry with the
   * same `idempotencyKey` (one is made when absent) answers the first result.
   */
  resolvePaymentAnomaly(paymentId: string, input: PaymentResolutionInput, options: { idempotencyKey?: string } = {}): Promise<Payment> {
    const key = options.idempotencyKey ?? globalThis.crypto.randomUUID();
    return this.#authed(() =>
      this.raw.POST('/v1/communes/{commune}/staff/payments/{paymentId}/resolution', {
        params: { path: { ...this.#path, paymentId }, header: { 'Idempotency-Key': key } },
        body: input,
      }),
    );
  }

  reconcilePayments(): Promise<ReconciliationResult> {
    return this.#authed(() => this.raw.POST('/v1/communes/{commune}/staff/payments/reconcile', { params: { path: this.#path } }));
  }

  getCollectionReport(query: { from?: string; to?: string } = {}): Promise<CollectionReport> {
    return this.#authed(() => this.raw.GET('/v1/communes/{commune}/staff/payments/report', { params: { path: this.#path, query } }));
  }

  getFamilyCredit(familyId: string): Promise<FamilyCredit> {
    return this.#authed(() =>
      this.raw.GET('/v1/communes/{commune}/staff/families/{familyId}/credit', { params: { path: { ...this.#path, familyId } } }),
    );
  }
}

/** The file name of a Content-Disposition header (RFC 6266: `filename*` first). */
export function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const extended = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1]);
    } catch {
      // fall back to the plain name
    }
  }
  const plain = /filename="((?:[^"\\]|\\.)*)"|filename=([^;]+)/i.exec(disposition);
  const value = plain?.[1] ?? plain?.[2];
  return value ? value.replace(/\\(.)/g, '$1').trim() : null;
}

export function createPortailClient(options: PortailClientOptions): PortailClient {
  return new PortailClient(options);
}
