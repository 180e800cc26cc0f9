import { createContext } from '@lit/context';
import type { PortailClient } from '@portail-famille/sdk';

/** The SDK client that `<pf-portal>` hands to the widgets it renders. */
export const clientContext = createContext<PortailClient | undefined>(Symbol('pf-client'));
