// Conformance of the persistent-reservation table with SPC-3, as data: for each service action,
// each class of caller (the holder, another registrant, an unregistered nexus) and each
// reservation type, the status, the PRgeneration change and what is left registered and reserved.
import test from 'ava';
import { formatReservationKey, zeroReservationKey } from '@wsfc-lab/protocol';
import type { PrOutServiceAction, ReservationType } from '@wsfc-lab/protocol';
import {
  accessFor,
  checkReservationInvariants,
  emptyReservationState,
  isAllRegistrantsType,
  persistentReserveOut,
  readKeys,
  readReservation,
  type PrOutCommand,
  type PrOutResult,
  type ReservationState,
} from './reservations.js';
import { accessMatrix, type Access } from './_access-matrix.js';

const A = 'iqn.1991-05.com.microsoft:a';
const B = 'iqn.1991-05.com.microsoft:b';
const C = 'iqn.1991-05.com.microsoft:c';
const key = (n: number) => formatReservationKey(n);
const keyOf = { [A]: key(0x0a), [B]: key(0x0b), [C]: zeroReservationKey } as Record<string, string>;
const newKey = key(0x0d);
const short = (initiator: string | null) => (initiator === null ? 'all' : initiator.slice(-1).toUpperCase());

const allTypes: ReservationType[] = [
  'WriteExclusive',
  'ExclusiveAccess',
  'WriteExclusiveRegistrantsOnly',
  'ExclusiveAccessRegistrantsOnly',
  'WriteExclusiveAllRegistrants',
  'ExclusiveAccessAllRegistrants',
];

/** A holds a reservation of `type` (for all-registrants types every registrant holds it); B is registered; C is not. */
function baseState(type: ReservationType): ReservationState {
  return {
    generation: 5,
    aptpl: false,
    registrations: [
      { initiator: A, key: key(0x0a) },
      { initiator: B, key: key(0x0b) },
    ],
    reservation: { type, holder: isAllRegistrantsType(type) ? null : A },
  };
}

/** "A:0a B:0b" */
function describeKeys(state: ReservationState): string {
  return state.registrations.map((r) => `${short(r.initiator)}:${r.key.slice(-2)}`).join(' ');
}
/** "A:T" (held by A), "all:T" (all registrants), "none"; T is the type the row was built for. */
function describeReservation(state: ReservationState, rowType: ReservationType): string {
  const reservation = state.reservation;
  if (!reservation) return 'none';
  const typeLabel = reservation.type === rowType ? 'T' : reservation.type;
  return `${short(reservation.holder)}:${typeLabel}`;
}

function command(serviceAction: PrOutServiceAction, caller: string, type: ReservationType): PrOutCommand {
  const own = keyOf[caller] ?? zeroReservationKey;
  switch (serviceAction) {
    case 'Register':
      return { serviceAction, initiator: caller, key: own, serviceActionKey: newKey, aptpl: false };
    case 'RegisterAndIgnoreExistingKey':
      // The RESERVATION KEY is ignored: send garbage to prove it.
      return { serviceAction, initiator: caller, key: key(0xff), serviceActionKey: newKey, aptpl: false };
    case 'Reserve':
    case 'Release':
      return { serviceAction, initiator: caller, key: own, serviceActionKey: zeroReservationKey, reservationType: type, aptpl: false };
    case 'Clear':
      return { serviceAction, initiator: caller, key: own, serviceActionKey: zeroReservationKey, aptpl: false };
    case 'Preempt':
    case 'PreemptAndAbort':
      // Preempt A's key (the holder's key) with the same type.
      return { serviceAction, initiator: caller, key: own, serviceActionKey: key(0x0a), reservationType: type, aptpl: false };
  }
}

type Caller = 'holder' | 'registrant' | 'unregistered';
type TypeClass = 'holderTypes' | 'allRegistrants';
interface Row {
  status: 'Good' | 'ReservationConflict' | 'CheckCondition';
  generationDelta: 0 | 1;
  keys: string;
  reservation: string;
  aborted?: string;
}
const callerIds: Record<Caller, string> = { holder: A, registrant: B, unregistered: C };

// What SPC-3 requires. "holderTypes" are WE, EA, WERO, EARO (one holder: A); "allRegistrants" are
// WEAR and EAAR (every registrant holds the reservation). T is the type of the row.
const unchanged = { holderTypes: 'A:T', allRegistrants: 'all:T' } as const;
const conformance: Record<PrOutServiceAction, Record<Caller, Record<TypeClass, Row>>> = {
  Register: {
    holder: both({ status: 'Good', generationDelta: 1, keys: 'A:0d B:0b' }),
    registrant: both({ status: 'Good', generationDelta: 1, keys: 'A:0a B:0d' }),
    unregistered: both({ status: 'Good', generationDelta: 1, keys: 'A:0a B:0b C:0d' }),
  },
  RegisterAndIgnoreExistingKey: {
    holder: both({ status: 'Good', generationDelta: 1, keys: 'A:0d B:0b' }),
    registrant: both({ status: 'Good', generationDelta: 1, keys: 'A:0a B:0d' }),
    unregistered: both({ status: 'Good', generationDelta: 1, keys: 'A:0a B:0b C:0d' }),
  },
  Reserve: {
    holder: both({ status: 'Good', generationDelta: 0, keys: 'A:0a B:0b' }),
    registrant: {
      holderTypes: { status: 'ReservationConflict', generationDelta: 0, keys: 'A:0a B:0b', reservation: 'A:T' },
      allRegistrants: { status: 'Good', generationDelta: 0, keys: 'A:0a B:0b', reservation: 'all:T' },
    },
    unregistered: both({ status: 'ReservationConflict', generationDelta: 0, keys: 'A:0a B:0b' }),
  },
  Release: {
    holder: {
      holderTypes: { status: 'Good', generationDelta: 0, keys: 'A:0a B:0b', reservation: 'none' },
      allRegistrants: { status: 'Good', generationDelta: 0, keys: 'A:0a B:0b', reservation: 'none' },
    },
    registrant: {
      // Not the holder: GOOD, and nothing is released.
      holderTypes: { status: 'Good', generationDelta: 0, keys: 'A:0a B:0b', reservation: 'A:T' },
      allRegistrants: { status: 'Good', generationDelta: 0, keys: 'A:0a B:0b', reservation: 'none' },
    },
    unregistered: both({ status: 'ReservationConflict', generationDelta: 0, keys: 'A:0a B:0b' }),
  },
  Clear: {
    holder: fixed({ status: 'Good', generationDelta: 1, keys: '', reservation: 'none' }),
    registrant: fixed({ status: 'Good', generationDelta: 1, keys: '', reservation: 'none' }),
    unregistered: both({ status: 'ReservationConflict', generationDelta: 0, keys: 'A:0a B:0b' }),
  },
  Preempt: {
    holder: {
      // Preempting its own key: nothing is removed, the reservation is taken again.
      holderTypes: { status: 'Good', generationDelta: 1, keys: 'A:0a B:0b', reservation: 'A:T' },
      allRegistrants: { status: 'Good', generationDelta: 1, keys: 'A:0a B:0b', reservation: 'all:T' },
    },
    registrant: {
      holderTypes: { status: 'Good', generationDelta: 1, keys: 'B:0b', reservation: 'B:T' },
      // All registrants: A's registration goes; the reservation stays with the remaining registrants.
      allRegistrants: { status: 'Good', generationDelta: 1, keys: 'B:0b', reservation: 'all:T' },
    },
    unregistered: both({ status: 'ReservationConflict', generationDelta: 0, keys: 'A:0a B:0b' }),
  },
  PreemptAndAbort: {
    holder: {
      holderTypes: { status: 'Good', generationDelta: 1, keys: 'A:0a B:0b', reservation: 'A:T' },
      allRegistrants: { status: 'Good', generationDelta: 1, keys: 'A:0a B:0b', reservation: 'all:T' },
    },
    registrant: {
      holderTypes: { status: 'Good', generationDelta: 1, keys: 'B:0b', reservation: 'B:T', aborted: 'A' },
      allRegistrants: { status: 'Good', generationDelta: 1, keys: 'B:0b', reservation: 'all:T', aborted: 'A' },
    },
    unregistered: both({ status: 'ReservationConflict', generationDelta: 0, keys: 'A:0a B:0b' }),
  },
};

function both(row: Omit<Row, 'reservation'>): Record<TypeClass, Row> {
  return { holderTypes: { ...row, reservation: unchanged.holderTypes }, allRegistrants: { ...row, reservation: unchanged.allRegistrants } };
}
function fixed(row: Row): Record<TypeClass, Row> {
  return { holderTypes: row, allRegistrants: row };
}

for (const [serviceAction, byCaller] of Object.entries(conformance) as [PrOutServiceAction, Record<Caller, Record<TypeClass, Row>>][]) {
  for (const [caller, byClass] of Object.entries(byCaller) as [Caller, Record<TypeClass, Row>][]) {
    for (const type of allTypes) {
      const expected = byClass[isAllRegistrantsType(type) ? 'allRegistrants' : 'holderTypes'];
      test(`SPC-3 table: ${serviceAction} from the ${caller} under ${type}`, (t) => {
        const before = baseState(type);
        const result = persistentReserveOut(before, command(serviceAction, callerIds[caller], type));
        t.is(result.outcome.status, expected.status);
        t.is(result.state.generation, before.generation + expected.generationDelta);
        t.is(describeKeys(result.state), expected.keys);
        t.is(describeReservation(result.state, type), expected.reservation);
        const aborted = result.effects.find((e) => e.type === 'TasksAborted');
        t.is(aborted ? aborted.initiators.map(short).join(' ') : undefined, expected.aborted);
        if (expected.status !== 'Good') t.is(result.state, before, 'a refused command leaves the state as it was');
      });
    }
  }
}

// --- the corners of the table ------------------------------------------------------------------

const WERO: ReservationType = 'WriteExclusiveRegistrantsOnly';
const WEAR: ReservationType = 'WriteExclusiveAllRegistrants';

interface Corner {
  name: string;
  state: ReservationState;
  command: PrOutCommand;
  check: (t: import('ava').ExecutionContext, result: PrOutResult, before: ReservationState) => void;
}

const prOut = (o: Partial<PrOutCommand> & Pick<PrOutCommand, 'serviceAction' | 'initiator'>): PrOutCommand => ({
  key: zeroReservationKey,
  serviceActionKey: zeroReservationKey,
  aptpl: false,
  ...o,
});

const corners: Corner[] = [
  {
    name: 'REGISTER from a registrant with the wrong key is a RESERVATION CONFLICT',
    state: baseState(WERO),
    command: prOut({ serviceAction: 'Register', initiator: B, key: key(0x99), serviceActionKey: newKey }),
    check: (t, r) => {
      t.is(r.outcome.status, 'ReservationConflict');
      t.regex(r.outcome.status === 'ReservationConflict' ? r.outcome.reason : '', /0x0000000000000099 does not match key 0x000000000000000b/);
    },
  },
  {
    name: 'REGISTER from an unregistered nexus with a non-zero key is a RESERVATION CONFLICT',
    state: baseState(WERO),
    command: prOut({ serviceAction: 'Register', initiator: C, key: key(0x0c), serviceActionKey: newKey }),
    check: (t, r) => t.is(r.outcome.status, 'ReservationConflict'),
  },
  {
    name: 'REGISTER from an unregistered nexus with service action key zero does nothing, not even the generation',
    state: baseState(WERO),
    command: prOut({ serviceAction: 'Register', initiator: C }),
    check: (t, r, before) => {
      t.is(r.outcome.status, 'Good');
      t.is(r.state, before);
    },
  },
  {
    name: 'the WERO holder unregistering releases the reservation',
    state: baseState(WERO),
    command: prOut({ serviceAction: 'Register', initiator: A, key: key(0x0a) }),
    check: (t, r) => {
      t.is(r.outcome.status, 'Good');
      t.is(r.state.generation, 6);
      t.is(r.state.reservation, null);
      t.deepEqual(
        r.effects.map((e) => e.type),
        ['Unregistered', 'Released'],
      );
    },
  },
  {
    name: 'an all-registrants reservation survives the reserver unregistering while others remain',
    state: baseState(WEAR),
    command: prOut({ serviceAction: 'Register', initiator: A, key: key(0x0a) }),
    check: (t, r) => {
      t.deepEqual(r.state.reservation, { type: WEAR, holder: null });
      t.is(describeKeys(r.state), 'B:0b');
    },
  },
  {
    name: 'an all-registrants reservation goes with its last registrant',
    state: { generation: 1, aptpl: false, registrations: [{ initiator: B, key: key(0x0b) }], reservation: { type: WEAR, holder: null } },
    command: prOut({ serviceAction: 'Register', initiator: B, key: key(0x0b) }),
    check: (t, r) => {
      t.is(r.state.reservation, null);
      t.is(r.state.registrations.length, 0);
    },
  },
  {
    name: 'RESERVE of another type by the holder is a RESERVATION CONFLICT',
    state: baseState(WERO),
    command: prOut({ serviceAction: 'Reserve', initiator: A, key: key(0x0a), reservationType: 'ExclusiveAccess' }),
    check: (t, r) => t.is(r.outcome.status, 'ReservationConflict'),
  },
  {
    name: 'RESERVE with no reservation makes the caller the holder without touching the generation',
    state: { ...baseState(WERO), reservation: null },
    command: prOut({ serviceAction: 'Reserve', initiator: B, key: key(0x0b), reservationType: WERO }),
    check: (t, r) => {
      t.deepEqual(r.state.reservation, { type: WERO, holder: B });
      t.is(r.state.generation, 5);
    },
  },
  {
    name: 'RELEASE of the wrong type by the holder is CHECK CONDITION, INVALID RELEASE OF PERSISTENT RESERVATION',
    state: baseState(WERO),
    command: prOut({ serviceAction: 'Release', initiator: A, key: key(0x0a), reservationType: 'WriteExclusive' }),
    check: (t, r) => {
      t.is(r.outcome.status, 'CheckCondition');
      t.deepEqual(r.outcome.status === 'CheckCondition' ? r.outcome.sense : undefined, { senseKey: 'IllegalRequest', asc: 0x26, ascq: 0x04 });
    },
  },
  {
    name: 'PREEMPT with service action key zero under WERO is CHECK CONDITION, INVALID FIELD IN PARAMETER LIST',
    state: baseState(WERO),
    command: prOut({ serviceAction: 'Preempt', initiator: B, key: key(0x0b), reservationType: WERO }),
    check: (t, r) => t.deepEqual(r.outcome.status === 'CheckCondition' ? r.outcome.sense : undefined, { senseKey: 'IllegalRequest', asc: 0x26, ascq: 0x00 }),
  },
  {
    name: 'PREEMPT with key zero under an all-registrants type removes everyone else and reserves the new type',
    state: { ...baseState(WEAR), registrations: [...baseState(WEAR).registrations, { initiator: C, key: key(0x0c) }] },
    command: prOut({ serviceAction: 'Preempt', initiator: B, key: key(0x0b), reservationType: WERO }),
    check: (t, r) => {
      t.is(describeKeys(r.state), 'B:0b');
      t.deepEqual(r.state.reservation, { type: WERO, holder: B });
      t.is(r.state.generation, 6);
    },
  },
  {
    name: 'PREEMPT with no reservation removes the named registrations only',
    state: { ...baseState(WERO), reservation: null },
    command: prOut({ serviceAction: 'Preempt', initiator: A, key: key(0x0a), serviceActionKey: key(0x0b), reservationType: WERO }),
    check: (t, r) => {
      t.is(describeKeys(r.state), 'A:0a');
      t.is(r.state.reservation, null);
      t.is(r.state.generation, 6);
    },
  },
  {
    name: 'PREEMPT of a key nobody holds is a RESERVATION CONFLICT',
    state: baseState(WERO),
    command: prOut({ serviceAction: 'Preempt', initiator: B, key: key(0x0b), serviceActionKey: key(0x77), reservationType: WERO }),
    check: (t, r) => t.is(r.outcome.status, 'ReservationConflict'),
  },
  {
    name: 'PREEMPT of a registrant that does not hold the reservation leaves the reservation alone',
    state: baseState(WERO),
    command: prOut({ serviceAction: 'Preempt', initiator: A, key: key(0x0a), serviceActionKey: key(0x0b), reservationType: WERO }),
    check: (t, r) => {
      t.is(describeKeys(r.state), 'A:0a');
      t.deepEqual(r.state.reservation, { type: WERO, holder: A });
    },
  },
  {
    name: 'the holder preempting its own key changes the reservation type',
    state: baseState(WERO),
    command: prOut({ serviceAction: 'Preempt', initiator: A, key: key(0x0a), serviceActionKey: key(0x0a), reservationType: 'ExclusiveAccessRegistrantsOnly' }),
    check: (t, r) => t.deepEqual(r.state.reservation, { type: 'ExclusiveAccessRegistrantsOnly', holder: A }),
  },
  {
    name: 'RESERVE without a type is CHECK CONDITION, INVALID FIELD IN CDB',
    state: baseState(WERO),
    command: prOut({ serviceAction: 'Reserve', initiator: A, key: key(0x0a) }),
    check: (t, r) => t.deepEqual(r.outcome.status === 'CheckCondition' ? r.outcome.sense : undefined, { senseKey: 'IllegalRequest', asc: 0x24, ascq: 0x00 }),
  },
  {
    name: 'PRgeneration wraps at 2^32',
    state: { ...emptyReservationState, generation: 0xffff_ffff },
    command: prOut({ serviceAction: 'Register', initiator: A, serviceActionKey: key(0x0a) }),
    check: (t, r) => t.is(r.state.generation, 0),
  },
  {
    name: 'APTPL comes from the last successful REGISTER',
    state: { ...baseState(WERO), aptpl: true },
    command: prOut({ serviceAction: 'Register', initiator: B, key: key(0x0b), serviceActionKey: key(0x0e), aptpl: false }),
    check: (t, r) => t.false(r.state.aptpl),
  },
  {
    name: 'the APTPL bit of a RESERVE is ignored',
    state: { ...baseState(WERO), reservation: null },
    command: prOut({ serviceAction: 'Reserve', initiator: A, key: key(0x0a), reservationType: WERO, aptpl: true }),
    check: (t, r) => t.false(r.state.aptpl),
  },
];

for (const corner of corners) {
  test(`corner: ${corner.name}`, (t) => {
    const result = persistentReserveOut(corner.state, corner.command);
    corner.check(t, result, corner.state);
    checkReservationInvariants(result.state);
  });
}

test('REGISTER beyond the registration limit is CHECK CONDITION, INSUFFICIENT REGISTRATION RESOURCES', (t) => {
  const result = persistentReserveOut(baseState(WERO), prOut({ serviceAction: 'Register', initiator: C, serviceActionKey: newKey }), { registrationsMax: 2 });
  t.is(result.outcome.status, 'CheckCondition');
  t.deepEqual(result.outcome.status === 'CheckCondition' ? result.outcome.sense : undefined, { senseKey: 'IllegalRequest', asc: 0x55, ascq: 0x04 });
});

// --- reads and writes --------------------------------------------------------------------------

for (const [type, row] of Object.entries(accessMatrix) as [ReservationType, Access[]][]) {
  test(`medium access under ${type}: holder, registrant, unregistered × read, write`, (t) => {
    const state = baseState(type);
    const actual = [A, B, C].flatMap((who) => [accessFor(state, who, 'Read'), accessFor(state, who, 'Write')]);
    t.deepEqual(actual, row);
  });
}

test('with no reservation everyone may read and write', (t) => {
  const state = { ...baseState(WERO), reservation: null };
  t.deepEqual(
    [A, B, C].flatMap((who) => [accessFor(state, who, 'Read'), accessFor(state, who, 'Write')]),
    Array(6).fill('Allowed'),
  );
});

test('READ KEYS and READ RESERVATION report the generation, the keys and the holder key (zero for all registrants)', (t) => {
  t.deepEqual(readKeys(baseState(WERO)), { generation: 5, keys: [key(0x0a), key(0x0b)] });
  t.deepEqual(readReservation(baseState(WERO)).reservation, { key: key(0x0a), type: WERO, scope: 'LuScope' });
  t.deepEqual(readReservation(baseState(WEAR)).reservation, { key: zeroReservationKey, type: WEAR, scope: 'LuScope' });
  t.is(readReservation(emptyReservationState).reservation, null);
});

test('checkReservationInvariants rejects a holder that is not registered and a duplicate registration', (t) => {
  t.throws(() => checkReservationInvariants({ ...baseState(WERO), reservation: { type: WERO, holder: C } }), { message: /held by unregistered/ });
  t.throws(() => checkReservationInvariants({ ...baseState(WERO), registrations: [{ initiator: A, key: key(1) }, { initiator: A, key: key(2) }], reservation: null }), {
    message: /registered twice/,
  });
  t.throws(() => checkReservationInvariants({ ...baseState(WEAR), reservation: { type: WEAR, holder: A } }), { message: /single holder/ });
});
