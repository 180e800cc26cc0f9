import type { components, Family } from '@portail-famille/sdk';

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
