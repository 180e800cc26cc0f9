import type { components, Family, PortailClient } from '@portail-famille/sdk';

type Schemas = components['schemas'];

export type Guardian = Family['guardians'][number];
export type Child = Family['children'][number];

export type BookingOptions = Schemas['BookingOptions'];
export type Planner = Schemas['Planner'];
export type PlannerDay = Planner['days'][number];
export type PlannerCell = PlannerDay['cells'][number];
export type Activity = Schemas['Activity'];
export type BookingPeriod = Schemas['BookingPeriod'];
export type BookingRequest = Schemas['BookingRequest'];
export type BookingLine = Schemas['CreateBookingRequest']['lines'][number];
export type PendingBooking = Schemas['PendingBooking'];
export type AttendanceActivity = Schemas['AttendanceActivity'];
export type AttendanceRegister = Schemas['AttendanceRegister'];
export type AttendanceEntry = AttendanceRegister['entries'][number];
export type AttendanceStatus = Schemas['AttendanceStatus'];
export type BookingDecision = Parameters<PortailClient['decideBookings']>[0][number];
export type BookingDecisionResult = Awaited<ReturnType<PortailClient['decideBookings']>>[number];
export type InvoiceSummary = Schemas['InvoiceSummary'];
export type Invoice = Schemas['Invoice'];
export type Payment = Schemas['Payment'];
export type PaymentRedirect = Schemas['PaymentRedirect'];
