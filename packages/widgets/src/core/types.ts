import type { Family } from '@portail-famille/sdk';

export type Guardian = Family['guardians'][number];
export type Child = Family['children'][number];
