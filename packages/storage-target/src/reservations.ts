// SCSI-3 persistent reservations of one logical unit, as SPC-3 §5.6 defines them, as a pure
// function: (state, command) → { outcome, state, effects }. The actor shell only persists the new
// state and turns the effects into events. Windows clustering registers a key per node, holds a
// Write Exclusive – Registrants Only reservation on the owner, and fences a dead node by
// PREEMPTing its key (facts §3.1, §3.2); everything it relies on is here.
//
// Rules worth stating, because implementations differ on them:
// - The I_T nexus is identified by the initiator's iSCSI name (one ISID, one target port).
// - PRgeneration (a 32-bit wrapping counter) goes up by one for every REGISTER, REGISTER AND
//   IGNORE EXISTING KEY, CLEAR, PREEMPT and PREEMPT AND ABORT that completes with GOOD, and never
//   for RESERVE, RELEASE, PERSISTENT RESERVE IN or a refused command (SPC-3 §6.11.2). A REGISTER
//   from an unregistered nexus with a zero service action key "takes no action", so it leaves the
//   counter alone, as the Linux LIO and SPDK targets do.
// - PREEMPT never removes the caller's own registration ("except the I_T nexus that is being used
//   for the PERSISTENT RESERVE OUT command"), so a holder may preempt itself to change the type.
// - A zero service action key on PREEMPT is an error unless the reservation is all-registrants.
// - Unit attentions (RESERVATIONS PREEMPTED/RELEASED) are not modelled; a fenced node learns by
//   RESERVATION CONFLICT and by reading the keys, which is what Windows does (facts §3.2).
import { assert, assertNever, storageLimits, zeroReservationKey } from '@wsfc-lab/protocol';
import type { PrOutServiceAction, ReservationKey, ReservationType, Sense } from '@wsfc-lab/protocol';
import { sense } from './sense.js';
import { refusals } from './errors.js';

/** The I_T nexus: the initiator's iSCSI name. */
export type InitiatorPort = string;

export interface Registration {
  initiator: InitiatorPort;
  key: ReservationKey;
}

/** `holder` is null exactly when the type is an all-registrants type: then every registrant holds it. */
export interface Reservation {
  type: ReservationType;
  holder: InitiatorPort | null;
}

export interface ReservationState {
  /** PRgeneration, a 32-bit wrapping counter. */
  generation: number;
  /** APTPL of the last successful REGISTER / REGISTER AND IGNORE EXISTING KEY. */
  aptpl: boolean;
  /** In registration order; at most `storageLimits.registrationsPerLunMax`. */
  registrations: Registration[];
  reservation: Reservation | null;
}

export const emptyReservationState: ReservationState = Object.freeze({
  generation: 0,
  aptpl: false,
  registrations: [],
  reservation: null,
}) as ReservationState;

export interface PrOutCommand {
  serviceAction: PrOutServiceAction;
  initiator: InitiatorPort;
  key: ReservationKey;
  serviceActionKey: ReservationKey;
  reservationType?: ReservationType | undefined;
  aptpl: boolean;
}

export type ScsiOutcome =
  | { status: 'Good' }
  | { status: 'ReservationConflict'; reason: string }
  | { status: 'CheckCondition'; sense: Sense; reason: string };

export type ReleaseCause = 'Release' | 'Unregister' | 'Preempted' | 'Cleared';

export type ReservationEffect =
  | { type: 'Registered'; initiator: InitiatorPort; key: ReservationKey }
  | { type: 'KeyChanged'; initiator: InitiatorPort; previousKey: ReservationKey; key: ReservationKey }
  | { type: 'Unregistered'; initiator: InitiatorPort; key: ReservationKey; cause: 'Unregister' | 'Preempted' | 'Cleared' }
  | { type: 'Reserved'; holder: InitiatorPort | null; reservationType: ReservationType }
  | { type: 'Released'; holder: InitiatorPort | null; reservationType: ReservationType; cause: ReleaseCause }
  | { type: 'TasksAborted'; initiators: InitiatorPort[] };

export interface PrOutResult {
  outcome: ScsiOutcome;
  state: ReservationState;
  effects: ReservationEffect[];
}

const allRegistrantsTypes: ReadonlySet<ReservationType> = new Set(['WriteExclusiveAllRegistrants', 'ExclusiveAccessAllRegistrants']);

export function isAllRegistrantsType(type: ReservationType): boolean {
  return allRegistrantsTypes.has(type);
}

export function registrationOf(state: ReservationState, initiator: InitiatorPort): Registration | undefined {
  return state.registrations.find((r) => r.initiator === initiator);
}

/** A holder is the reserving nexus, or for all-registrants types any registered nexus. */
export function isHolder(state: ReservationState, initiator: InitiatorPort): boolean {
  const reservation = state.reservation;
  if (!reservation) return false;
  if (reservation.holder === null) return registrationOf(state, initiator) !== undefined;
  return reservation.holder === initiator;
}

/** The key the reservation is held with: the holder's key, or zero for all-registrants types. */
export function holderKeyOf(state: ReservationState): ReservationKey | null {
  const reservation = state.reservation;
  if (!reservation) return null;
  if (reservation.holder === null) return zeroReservationKey;
  return registrationOf(state, reservation.holder)?.key ?? null;
}

// --- access to the medium --------------------------------------------------------------------

export type MediumAccess = 'Read' | 'Write';
export type AccessDecision = 'Allowed' | 'ReservationConflict';

/**
 * What a nexus that is not a holder may do, per reservation type (SPC-3 Table 31 and SBC-3
 * Table 13): Write Exclusive lets anyone read; Exclusive Access lets nobody else in; the
 * registrants-only and all-registrants types let registrants read and write, and strangers read
 * only for the Write Exclusive flavours.
 */
const nonHolderAccess = {
  WriteExclusive: { registered: { Read: 'Allowed', Write: 'ReservationConflict' }, unregistered: { Read: 'Allowed', Write: 'ReservationConflict' } },
  ExclusiveAccess: {
    registered: { Read: 'ReservationConflict', Write: 'ReservationConflict' },
    unregistered: { Read: 'ReservationConflict', Write: 'ReservationConflict' },
  },
  WriteExclusiveRegistrantsOnly: { registered: { Read: 'Allowed', Write: 'Allowed' }, unregistered: { Read: 'Allowed', Write: 'ReservationConflict' } },
  ExclusiveAccessRegistrantsOnly: {
    registered: { Read: 'Allowed', Write: 'Allowed' },
    unregistered: { Read: 'ReservationConflict', Write: 'ReservationConflict' },
  },
  WriteExclusiveAllRegistrants: { registered: { Read: 'Allowed', Write: 'Allowed' }, unregistered: { Read: 'Allowed', Write: 'ReservationConflict' } },
  ExclusiveAccessAllRegistrants: {
    registered: { Read: 'Allowed', Write: 'Allowed' },
    unregistered: { Read: 'ReservationConflict', Write: 'ReservationConflict' },
  },
} as const satisfies Record<ReservationType, Record<'registered' | 'unregistered', Record<MediumAccess, AccessDecision>>>;

export function accessFor(state: ReservationState, initiator: InitiatorPort, access: MediumAccess): AccessDecision {
  const reservation = state.reservation;
  if (!reservation || isHolder(state, initiator)) return 'Allowed';
  const registered = registrationOf(state, initiator) !== undefined ? 'registered' : 'unregistered';
  return nonHolderAccess[reservation.type][registered][access];
}

// --- PERSISTENT RESERVE IN -------------------------------------------------------------------

export function readKeys(state: ReservationState): { generation: number; keys: ReservationKey[] } {
  return { generation: state.generation, keys: state.registrations.map((r) => r.key) };
}

export function readReservation(state: ReservationState): {
  generation: number;
  reservation: { key: ReservationKey; type: ReservationType; scope: 'LuScope' } | null;
} {
  const reservation = state.reservation;
  const key = holderKeyOf(state);
  if (!reservation || key === null) return { generation: state.generation, reservation: null };
  return { generation: state.generation, reservation: { key, type: reservation.type, scope: 'LuScope' } };
}

// --- PERSISTENT RESERVE OUT ------------------------------------------------------------------

export interface PrOutOptions {
  registrationsMax: number;
}

/** Runs one PERSISTENT RESERVE OUT. A refused command returns the state it was given, unchanged. */
export function persistentReserveOut(
  state: ReservationState,
  command: PrOutCommand,
  options: PrOutOptions = { registrationsMax: storageLimits.registrationsPerLunMax },
): PrOutResult {
  const result = dispatch(state, command, options);
  checkTransition(state, command, result);
  checkReservationInvariants(result.state);
  return result;
}

function dispatch(state: ReservationState, command: PrOutCommand, options: PrOutOptions): PrOutResult {
  switch (command.serviceAction) {
    case 'Register':
      return register(state, command, options, { ignoreExistingKey: false });
    case 'RegisterAndIgnoreExistingKey':
      return register(state, command, options, { ignoreExistingKey: true });
    case 'Reserve':
      return reserve(state, command);
    case 'Release':
      return release(state, command);
    case 'Clear':
      return clear(state, command);
    case 'Preempt':
      return preempt(state, command, { abort: false });
    case 'PreemptAndAbort':
      return preempt(state, command, { abort: true });
    default:
      return assertNever(command.serviceAction, 'PERSISTENT RESERVE OUT service action');
  }
}

const generationAfter = (generation: number): number => (generation + 1) >>> 0;

function good(state: ReservationState, effects: ReservationEffect[] = []): PrOutResult {
  return { outcome: { status: 'Good' }, state, effects };
}
function conflict(state: ReservationState, reason: string): PrOutResult {
  return { outcome: { status: 'ReservationConflict', reason }, state, effects: [] };
}
function checkCondition(state: ReservationState, senseData: Sense, reason: string): PrOutResult {
  return { outcome: { status: 'CheckCondition', sense: senseData, reason }, state, effects: [] };
}

/** The caller's registration when its RESERVATION KEY matches it; otherwise the conflict to return. */
function callerRegistration(state: ReservationState, command: PrOutCommand): Registration | PrOutResult {
  const own = registrationOf(state, command.initiator);
  if (!own) return conflict(state, refusals.notRegistered(command.serviceAction, command.initiator));
  if (own.key !== command.key) return conflict(state, refusals.keyMismatch({ action: command.serviceAction, initiator: command.initiator, key: command.key, registeredKey: own.key }));
  return own;
}

function register(state: ReservationState, command: PrOutCommand, options: PrOutOptions, mode: { ignoreExistingKey: boolean }): PrOutResult {
  const own = registrationOf(state, command.initiator);
  const newKey = command.serviceActionKey;
  if (!own) {
    if (!mode.ignoreExistingKey && command.key !== zeroReservationKey) {
      return conflict(state, refusals.notRegistered(command.serviceAction, command.initiator, command.key));
    }
    if (newKey === zeroReservationKey) return good(state);
    if (state.registrations.length >= options.registrationsMax) {
      return checkCondition(state, sense('IllegalRequest', 'InsufficientRegistrationResources'), refusals.registrationsFull(options.registrationsMax));
    }
    const registrations = [...state.registrations, { initiator: command.initiator, key: newKey }];
    return good({ ...state, registrations, generation: generationAfter(state.generation), aptpl: command.aptpl }, [
      { type: 'Registered', initiator: command.initiator, key: newKey },
    ]);
  }
  if (!mode.ignoreExistingKey && own.key !== command.key) {
    return conflict(state, refusals.keyMismatch({ action: command.serviceAction, initiator: command.initiator, key: command.key, registeredKey: own.key }));
  }
  if (newKey === zeroReservationKey) {
    const removed = removeRegistrations(state, new Set([command.initiator]), 'Unregister');
    return good({ ...removed.state, generation: generationAfter(state.generation), aptpl: command.aptpl }, removed.effects);
  }
  const registrations = state.registrations.map((r) => (r.initiator === command.initiator ? { initiator: r.initiator, key: newKey } : r));
  return good({ ...state, registrations, generation: generationAfter(state.generation), aptpl: command.aptpl }, [
    { type: 'KeyChanged', initiator: command.initiator, previousKey: own.key, key: newKey },
  ]);
}

function reserve(state: ReservationState, command: PrOutCommand): PrOutResult {
  const type = command.reservationType;
  if (type === undefined) return checkCondition(state, sense('IllegalRequest', 'InvalidFieldInCdb'), refusals.typeMissing(command.serviceAction));
  const own = callerRegistration(state, command);
  if ('outcome' in own) return own;
  const current = state.reservation;
  if (!current) {
    const holder = isAllRegistrantsType(type) ? null : command.initiator;
    return good({ ...state, reservation: { type, holder } }, [{ type: 'Reserved', holder, reservationType: type }]);
  }
  if (isHolder(state, command.initiator) && current.type === type) return good(state);
  return conflict(state, refusals.alreadyReserved({ initiator: command.initiator, type: current.type, holder: current.holder, requested: type }));
}

function release(state: ReservationState, command: PrOutCommand): PrOutResult {
  const type = command.reservationType;
  if (type === undefined) return checkCondition(state, sense('IllegalRequest', 'InvalidFieldInCdb'), refusals.typeMissing(command.serviceAction));
  const own = callerRegistration(state, command);
  if ('outcome' in own) return own;
  const current = state.reservation;
  // SPC-3: releasing when there is no reservation, or as a nexus that does not hold it, is GOOD and changes nothing.
  if (!current || !isHolder(state, command.initiator)) return good(state);
  if (current.type !== type) {
    return checkCondition(state, sense('IllegalRequest', 'InvalidReleaseOfPersistentReservation'), refusals.releaseTypeMismatch({ held: current.type, requested: type }));
  }
  return good({ ...state, reservation: null }, [{ type: 'Released', holder: current.holder, reservationType: current.type, cause: 'Release' }]);
}

function clear(state: ReservationState, command: PrOutCommand): PrOutResult {
  const own = callerRegistration(state, command);
  if ('outcome' in own) return own;
  const everyone = new Set(state.registrations.map((r) => r.initiator));
  const removed = removeRegistrations(state, everyone, 'Cleared');
  return good({ ...removed.state, generation: generationAfter(state.generation) }, removed.effects);
}

function preempt(state: ReservationState, command: PrOutCommand, mode: { abort: boolean }): PrOutResult {
  const type = command.reservationType;
  if (type === undefined) return checkCondition(state, sense('IllegalRequest', 'InvalidFieldInCdb'), refusals.typeMissing(command.serviceAction));
  const own = callerRegistration(state, command);
  if ('outcome' in own) return own;
  const current = state.reservation;
  const target = command.serviceActionKey;
  const allRegistrants = current !== null && current.holder === null;
  if (target === zeroReservationKey && !allRegistrants) {
    return checkCondition(state, sense('IllegalRequest', 'InvalidFieldInParameterList'), refusals.preemptZeroKey(current?.type ?? null));
  }
  // An all-registrants reservation preempted with key zero: everyone else goes, and the caller
  // takes a new reservation of the requested type.
  const preemptAll = target === zeroReservationKey;
  const victims = new Set(
    state.registrations.filter((r) => r.initiator !== command.initiator && (preemptAll || r.key === target)).map((r) => r.initiator),
  );
  if (!preemptAll && !state.registrations.some((r) => r.key === target)) {
    return conflict(state, refusals.preemptNoSuchKey(target));
  }
  const takesReservation = current !== null && (preemptAll || (!allRegistrants && holderKeyOf(state) === target));
  const removed = removeRegistrations(state, victims, 'Preempted', { keepReservation: takesReservation });
  const effects = [...removed.effects];
  let next: ReservationState = { ...removed.state, generation: generationAfter(state.generation) };
  if (takesReservation && current) {
    const holder = isAllRegistrantsType(type) ? null : command.initiator;
    next = { ...next, reservation: { type, holder } };
    effects.push({ type: 'Released', holder: current.holder, reservationType: current.type, cause: 'Preempted' });
    effects.push({ type: 'Reserved', holder, reservationType: type });
  }
  if (mode.abort && victims.size > 0) effects.push({ type: 'TasksAborted', initiators: [...victims] });
  return good(next, effects);
}

/**
 * Removes registrations. Losing the holder's registration releases a registrants-only style
 * reservation; an all-registrants reservation goes when its last registrant does.
 */
function removeRegistrations(
  state: ReservationState,
  initiators: ReadonlySet<InitiatorPort>,
  cause: 'Unregister' | 'Preempted' | 'Cleared',
  options: { keepReservation?: boolean } = {},
): { state: ReservationState; effects: ReservationEffect[] } {
  const effects: ReservationEffect[] = state.registrations
    .filter((r) => initiators.has(r.initiator))
    .map((r) => ({ type: 'Unregistered', initiator: r.initiator, key: r.key, cause }));
  const registrations = state.registrations.filter((r) => !initiators.has(r.initiator));
  const current = state.reservation;
  let reservation = current;
  if (current && !options.keepReservation) {
    const lost = current.holder === null ? registrations.length === 0 : initiators.has(current.holder);
    if (lost) {
      reservation = null;
      effects.push({ type: 'Released', holder: current.holder, reservationType: current.type, cause });
    }
  }
  return { state: { ...state, registrations, reservation }, effects };
}

// --- invariants ------------------------------------------------------------------------------

const generationCounting: ReadonlySet<PrOutServiceAction> = new Set(['Register', 'RegisterAndIgnoreExistingKey', 'Clear', 'Preempt', 'PreemptAndAbort']);

/** The PRgeneration moves exactly as SPC-3 says, and a refused command changes nothing. */
function checkTransition(before: ReservationState, command: PrOutCommand, result: PrOutResult): void {
  const after = result.state;
  if (result.outcome.status !== 'Good') {
    assert(after === before && result.effects.length === 0, `a refused ${command.serviceAction} changed the reservation state`);
    return;
  }
  const unchanged = after === before;
  const expected = !unchanged && generationCounting.has(command.serviceAction) ? generationAfter(before.generation) : before.generation;
  assert(
    after.generation === expected,
    `${command.serviceAction} moved PRgeneration from ${before.generation} to ${after.generation}, expected ${expected}`,
  );
}

/** Throws when a reservation state is impossible. */
export function checkReservationInvariants(state: ReservationState, where = 'logical unit'): void {
  assert(Number.isInteger(state.generation) && state.generation >= 0 && state.generation <= 0xffff_ffff, `${where}: PRgeneration ${state.generation} is not a 32-bit counter`);
  assert(
    state.registrations.length <= storageLimits.registrationsPerLunMax,
    `${where}: ${state.registrations.length} registrations, over registrationsPerLunMax ${storageLimits.registrationsPerLunMax}`,
  );
  const seen = new Set<InitiatorPort>();
  for (const r of state.registrations) {
    assert(!seen.has(r.initiator), `${where}: initiator "${r.initiator}" is registered twice`);
    assert(r.key !== zeroReservationKey, `${where}: initiator "${r.initiator}" is registered with key zero`);
    seen.add(r.initiator);
  }
  const reservation = state.reservation;
  if (!reservation) return;
  if (isAllRegistrantsType(reservation.type)) {
    assert(reservation.holder === null, `${where}: ${reservation.type} reservation names a single holder "${reservation.holder}"`);
    assert(state.registrations.length > 0, `${where}: ${reservation.type} reservation held with no registrants`);
  } else {
    assert(reservation.holder !== null && seen.has(reservation.holder), `${where}: ${reservation.type} reservation held by unregistered "${reservation.holder}"`);
  }
}
