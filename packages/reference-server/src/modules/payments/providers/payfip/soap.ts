import { DOMParser, type Element } from '@xmldom/xmldom';

/**
 * The SOAP 1.1 wire format of PayFiP's web service (see shared PAYFIP.md), shared by the
 * adapter and the fake PayFiP: an operation element in PayFiP's namespace holding one
 * unqualified `arg0` whose children are unqualified fields.
 */
export const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const PAYFIP_NS =
  'http://securite.service.tpa.cp.finances.gouv.fr/services/mas_securite/contrat_paiement_securise/PaiementSecuriseService';
export const SECURE_SERVICE_PATH = '/tpa/services/securite';
export const PAYMENT_PAGE_PATH = '/tpa/paiementws.web';

export type PayfipOperation = 'creerPaiementSecurise' | 'recupererDetailPaiementSecurise' | 'recupererDetailClient';

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c as '&']);
}

function fieldsXml(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`)
    .join('');
}

/** A request envelope: `<pai:operation><arg0><field>…</field>…</arg0></pai:operation>`. */
export function requestEnvelope(operation: PayfipOperation, fields: Record<string, string>): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="${SOAP_ENV_NS}" xmlns:pai="${PAYFIP_NS}"><soapenv:Header/><soapenv:Body><pai:${operation}><arg0>${fieldsXml(fields)}</arg0></pai:${operation}></soapenv:Body></soapenv:Envelope>`;
}

/** An answer envelope as a JAX-WS service writes it: `<ns2:operationResponse><return>…</return>`. */
export function responseEnvelope(operation: PayfipOperation, fields: Record<string, string>): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<S:Envelope xmlns:S="${SOAP_ENV_NS}"><S:Body><ns2:${operation}Response xmlns:ns2="${PAYFIP_NS}"><return>${fieldsXml(fields)}</return></ns2:${operation}Response></S:Body></S:Envelope>`;
}

export type FaultKind = 'FonctionnelleErreur' | 'TechDysfonctionnementErreur' | 'TechIndisponibiliteErreur' | 'TechProtocolaireErreur';

export function faultEnvelope(kind: FaultKind, code: string, label: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<S:Envelope xmlns:S="${SOAP_ENV_NS}"><S:Body><S:Fault><faultcode>S:Server</faultcode><faultstring>${escapeXml(label)}</faultstring><detail><ns2:${kind} xmlns:ns2="${PAYFIP_NS}"><code>${escapeXml(code)}</code><descriptif>${escapeXml(label)}</descriptif><libelle>${escapeXml(label)}</libelle><severite>2</severite></ns2:${kind}></detail></S:Fault></S:Body></S:Envelope>`;
}

export class XmlError extends Error {}

/** Parses XML strictly (any error throws XmlError); entities other than the five predefined are refused. */
export function parseXml(text: string): Element {
  const parser = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') throw new XmlError(message);
    },
  });
  let document: ReturnType<DOMParser['parseFromString']>;
  try {
    document = parser.parseFromString(text, 'text/xml');
  } catch (error) {
    throw new XmlError(error instanceof Error ? error.message : 'not XML');
  }
  const root = document.documentElement;
  if (!root) throw new XmlError('no root element');
  return root;
}

export function childElements(element: Element): Element[] {
  const out: Element[] = [];
  for (let node = element.firstChild; node; node = node.nextSibling) if (node.nodeType === 1) out.push(node as Element);
  return out;
}

export function child(element: Element, localName: string, namespace: string | null = null): Element | null {
  return childElements(element).find((e) => e.localName === localName && (e.namespaceURI ?? null) === namespace) ?? null;
}

/** The SOAP Body of an envelope, or null when the document is not a SOAP 1.1 envelope. */
export function soapBody(root: Element): Element | null {
  if (root.localName !== 'Envelope' || root.namespaceURI !== SOAP_ENV_NS) return null;
  return child(root, 'Body', SOAP_ENV_NS);
}

/** Unqualified leaf fields of an element, as text (a field present twice is an error). */
export function leafFields(element: Element): Map<string, string> {
  const fields = new Map<string, string>();
  for (const e of childElements(element)) {
    if (childElements(e).length > 0) throw new XmlError(`${e.localName}: not a simple field`);
    if (fields.has(e.localName ?? '')) throw new XmlError(`${e.localName}: given twice`);
    fields.set(e.localName ?? '', e.textContent ?? '');
  }
  return fields;
}

export interface SoapFault {
  kind: string;
  code: string;
  label: string;
}

export type SoapAnswer = { kind: 'result'; fields: Map<string, string> } | { kind: 'fault'; fault: SoapFault };

/**
 * Reads an answer to `operation`: the fields of its `return`, or the fault. Throws XmlError
 * when it is neither.
 */
export function readAnswer(text: string, operation: PayfipOperation): SoapAnswer {
  const body = soapBody(parseXml(text));
  if (!body) throw new XmlError('not a SOAP envelope');
  const fault = child(body, 'Fault', SOAP_ENV_NS);
  if (fault) {
    const detail = child(fault, 'detail');
    const error = detail ? childElements(detail)[0] : undefined;
    const faultstring = child(fault, 'faultstring')?.textContent ?? '';
    if (!error) return { kind: 'fault', fault: { kind: 'Unknown', code: '', label: faultstring } };
    const fields = new Map(childElements(error).map((e) => [e.localName ?? '', e.textContent ?? '']));
    return {
      kind: 'fault',
      fault: {
        kind: error.localName ?? 'Unknown',
        code: (fields.get('code') ?? '').trim(),
        label: (fields.get('libelle') || fields.get('descriptif') || faultstring).trim(),
      },
    };
  }
  const response = child(body, `${operation}Response`, PAYFIP_NS);
  if (!response) throw new XmlError(`no ${operation}Response`);
  const ret = child(response, 'return');
  if (!ret) throw new XmlError('no return element');
  return { kind: 'result', fields: leafFields(ret) };
}

/** Reads a request (fake PayFiP side): which operation, and the fields of its `arg0`. */
export function readRequest(text: string): { operation: string; fields: Map<string, string> } {
  const body = soapBody(parseXml(text));
  if (!body) throw new XmlError('not a SOAP envelope');
  const [operation, ...others] = childElements(body);
  if (!operation || others.length > 0) throw new XmlError('the Body must hold one operation');
  if (operation.namespaceURI !== PAYFIP_NS) throw new XmlError(`unknown namespace ${operation.namespaceURI ?? '(none)'}`);
  const arg0 = child(operation, 'arg0');
  if (!arg0 || childElements(operation).length !== 1) throw new XmlError('the operation must hold one unqualified arg0');
  return { operation: operation.localName ?? '', fields: leafFields(arg0) };
}
