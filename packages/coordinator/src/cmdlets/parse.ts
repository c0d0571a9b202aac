// The cmdlet line parser: a PowerShell command line as an administrator types it, in PowerShell's
// argument mode, turned into the cmdlet, its bound parameters and switches, its positional
// arguments, the later pipeline stages, and the machine it runs on. It covers what a lab needs:
// `-Name value`, `-Node a,b`, '…' and "…" strings, numbers (with KB/MB/GB/TB suffixes), $true,
// $false, $null, switches and `-Switch:$false`, { script blocks }, (sub-pipelines), @(arrays),
// @{hash = tables}, `Invoke-Command -ComputerName x -ScriptBlock { … }` (unwrapped: the inner
// line runs on x), `-CimSession x`, `-ComputerName x`, pipelines and
// `(Get-Cluster).SameSubnetThreshold = 20`. Errors carry PowerShell's own messages and ids.
import type { CmdletError } from '@wsfc-lab/protocol';
import { findCmdlet, findParameter, notRecognizedError, type CmdletInfo, type CmdletModule } from './names.js';

export interface ScriptBlockValue {
  kind: 'scriptBlock';
  /** The text between the braces, trimmed. */
  text: string;
}

export interface CommandValue {
  kind: 'command';
  /** A parenthesised pipeline used as a value: `-Node (Get-ClusterNode node02)`. */
  command: CommandLine;
}

export interface HashTableValue {
  kind: 'hashTable';
  entries: Record<string, ArgValue>;
}

export type ArgValue = string | number | boolean | null | ArgValue[] | ScriptBlockValue | CommandValue | HashTableValue;

export interface CmdletCall {
  /** Canonical spelling, also when typed as an alias (`fl` → Format-List). */
  name: string;
  module: CmdletModule;
  /** Named parameters by canonical name (switches are not here). */
  parameters: Record<string, ArgValue>;
  /** Switch parameters that were given, by canonical name: `-Force:$false` gives false. */
  switches: Record<string, boolean>;
  positional: ArgValue[];
  /** The machine the cmdlet runs on: -ComputerName, or Invoke-Command's. */
  computerName?: string;
  /** The machine of -CimSession (storage and iSCSI cmdlets). */
  cimSession?: string;
  /** Invoke-Command's machine: the script block runs in a session there. */
  invokedOn?: string;
}

export interface CommandLine extends CmdletCall {
  /** The later stages of the pipeline, in order. */
  pipeline: CmdletCall[];
  /** `(Get-Cluster).SameSubnetThreshold = 20`: the property set on the first stage's output. */
  assignment?: { property: string; value: ArgValue };
  /** `(Get-Cluster).SameSubnetThreshold`: the property read from the first stage's output. */
  member?: string;
}

export type ParseResult = { ok: true; value: CommandLine } | { ok: false; error: CmdletError; /** 1-based */ column: number };

// ---------------------------------------------------------------------------------------------
// Tokens

type Token =
  | { type: 'word'; text: string; start: number }
  | { type: 'parameter'; name: string; colon: boolean; start: number }
  | { type: 'string'; value: string; start: number }
  | { type: 'number'; value: number; start: number }
  | { type: 'variable'; name: string; start: number }
  | { type: 'scriptBlock'; text: string; innerStart: number; start: number }
  | { type: 'punct'; text: '|' | ',' | '(' | ')' | '@(' | '@{' | '}' | '.' | '=' | ';'; start: number };

class ParseError extends Error {
  constructor(
    readonly error: CmdletError,
    readonly offset: number,
  ) {
    super(error.message);
  }
}

function parserError(errorId: string, message: string, offset: number): ParseError {
  return new ParseError({ category: 'ParserError', errorId, message }, offset);
}

const wordStop = /[\s|;,(){}'"=]/;
const sizeSuffix: Record<string, number> = { kb: 2 ** 10, mb: 2 ** 20, gb: 2 ** 30, tb: 2 ** 40, pb: 2 ** 50 };
const numberPattern = /^-?(?:0x[0-9a-f]+|\d+(?:\.\d+)?(?:e[+-]?\d+)?)(kb|mb|gb|tb|pb)?$/i;

/** A bareword that PowerShell's argument mode reads as a number, else undefined. */
function numberOf(text: string): number | undefined {
  const match = numberPattern.exec(text);
  if (!match) return undefined;
  const suffix = match[1]?.toLowerCase();
  const body = suffix === undefined ? text : text.slice(0, -suffix.length);
  const negative = body.startsWith('-');
  const digits = negative ? body.slice(1) : body;
  const magnitude = digits.toLowerCase().startsWith('0x') ? Number.parseInt(digits.slice(2), 16) : Number(digits);
  const value = magnitude * (suffix === undefined ? 1 : (sizeSuffix[suffix] ?? 1));
  return negative ? -value : value;
}

function readQuoted(text: string, start: number): { value: string; end: number } {
  const quote = text[start];
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === quote) {
      if (text[i + 1] === quote) {
        value += c;
        i += 2;
        continue;
      }
      return { value, end: i + 1 };
    }
    if (quote === '"' && c === '`' && i + 1 < text.length) {
      const next = text[i + 1] as string;
      value += next === 'n' ? '\n' : next === 't' ? '\t' : next === '0' ? '\0' : next;
      i += 2;
      continue;
    }
    value += c;
    i++;
  }
  throw parserError('TerminatorExpectedAtEndOfString', `The string is missing the terminator: ${quote}.`, start);
}

/** The offset just past the `}` that closes the block opened at `start`, skipping strings. */
function closeOfBlock(text: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < text.length) {
    const c = text[i];
    if (c === "'" || c === '"') {
      i = readQuoted(text, i).end;
      continue;
    }
    if (c === '{') depth++;
    if (c === '}') {
      depth--;
      if (depth === 0) return i + 1;
    }
    i++;
  }
  throw parserError('MissingEndCurlyBrace', "Missing closing '}' in statement block or type definition.", start);
}

function readWord(text: string, start: number): number {
  let i = start;
  while (i < text.length && !wordStop.test(text[i] as string)) i++;
  return i;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    const next = text[i + 1] ?? '';
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'" || c === '"') {
      const { value, end } = readQuoted(text, i);
      tokens.push({ type: 'string', value, start: i });
      i = end;
    } else if (c === '{') {
      const end = closeOfBlock(text, i);
      const inner = text.slice(i + 1, end - 1);
      const leading = inner.length - inner.trimStart().length;
      tokens.push({ type: 'scriptBlock', text: inner.trim(), innerStart: i + 1 + leading, start: i });
      i = end;
    } else if (c === '@' && (next === '(' || next === '{')) {
      tokens.push({ type: 'punct', text: next === '(' ? '@(' : '@{', start: i });
      i += 2;
    } else if ('|,();}='.includes(c)) {
      tokens.push({ type: 'punct', text: c as '|', start: i });
      i++;
    } else if (c === '.' && tokens.at(-1)?.type === 'punct' && (tokens.at(-1) as { text: string }).text === ')' && text[i - 1] === ')') {
      tokens.push({ type: 'punct', text: '.', start: i });
      i++;
    } else if (c === '-' && /[A-Za-z_?]/.test(next)) {
      let end = i + 1;
      while (end < text.length && /[A-Za-z0-9_?-]/.test(text[end] as string)) end++;
      const colon = text[end] === ':';
      tokens.push({ type: 'parameter', name: text.slice(i + 1, end), colon, start: i });
      i = colon ? end + 1 : end;
    } else if (c === '$') {
      const end = readWord(text, i + 1);
      tokens.push({ type: 'variable', name: text.slice(i + 1, end), start: i });
      i = end;
    } else {
      const end = Math.max(readWord(text, i), i + 1);
      const word = text.slice(i, end);
      const number = numberOf(word);
      tokens.push(number === undefined ? { type: 'word', text: word, start: i } : { type: 'number', value: number, start: i });
      i = end;
    }
  }
  return tokens;
}

// ---------------------------------------------------------------------------------------------
// Parser

const variables: Record<string, ArgValue> = { true: true, false: false, null: null };

/** Where each script block's text starts in the line, for errors inside an unwrapped block. */
const blockOffsets = new WeakMap<ScriptBlockValue, number>();

/** Cmdlets whose -ComputerName is the destination, not where the cmdlet runs. */
const computerNameIsTarget = new Set(['Test-Connection', 'Test-NetConnection']);

function isPunct(token: Token | undefined, text: string): boolean {
  return token?.type === 'punct' && token.text === text;
}

/** Where the parser is: the line's tokens and an offset added to every error (inner blocks). */
class Parser {
  private index = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly textLength: number,
    private readonly offset: number,
  ) {}

  private peek(): Token | undefined {
    return this.tokens[this.index];
  }

  private take(): Token | undefined {
    return this.tokens[this.index++];
  }

  private fail(errorId: string, message: string, token: Token | undefined): never {
    throw parserError(errorId, message, this.offset + (token?.start ?? this.textLength));
  }

  private expect(text: string, what: string): void {
    const token = this.take();
    if (!isPunct(token, text)) this.fail('UnexpectedToken', `Missing ${what}.`, token);
  }

  atEnd(): boolean {
    return this.index >= this.tokens.length;
  }

  /** The whole line: an assignment/member access on a parenthesised pipeline, or a pipeline. */
  line(): CommandLine {
    const first = this.peek();
    if (first === undefined) this.fail('EmptyCommand', 'The command line is empty.', undefined);
    const result = isPunct(first, '(') && this.isCommandStart(this.tokens[this.index + 1]) ? this.memberLine() : this.pipeline();
    const rest = this.peek();
    if (isPunct(rest, ';')) this.fail('UnexpectedToken', 'A run: step holds one command; the token \';\' starts another.', rest);
    if (rest !== undefined) this.fail('UnexpectedToken', `Unexpected token '${tokenText(rest)}' in expression or statement.`, rest);
    return result;
  }

  private isCommandStart(token: Token | undefined): boolean {
    return token?.type === 'word';
  }

  private memberLine(): CommandLine {
    this.expect('(', "'('");
    const inner = this.pipeline();
    this.expect(')', "closing ')' in expression");
    const dot = this.peek();
    if (!isPunct(dot, '.')) {
      if (this.atEnd() || isPunct(dot, '|')) return this.continuePipeline(inner);
      this.fail('UnexpectedToken', `Unexpected token '${tokenText(dot)}' in expression or statement.`, dot);
    }
    this.take();
    const property = this.take();
    if (property?.type !== 'word' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(property.text)) {
      this.fail('MissingPropertyName', 'Missing property name after reference operator.', property);
    }
    if (!isPunct(this.peek(), '=')) return { ...inner, member: property.text };
    this.take();
    const value = this.expression();
    return { ...inner, assignment: { property: property.text, value } };
  }

  private continuePipeline(first: CommandLine): CommandLine {
    while (isPunct(this.peek(), '|')) {
      this.take();
      first.pipeline.push(this.command());
    }
    return first;
  }

  private pipeline(): CommandLine {
    const first = this.command();
    const line: CommandLine = { ...first, pipeline: [] };
    return this.continuePipeline(line);
  }

  private command(): CmdletCall {
    const head = this.take();
    if (head === undefined || isPunct(head, '|') || isPunct(head, ')')) this.fail('EmptyPipeElement', 'An empty pipe element is not allowed.', head);
    if (head.type !== 'word') this.fail('UnexpectedToken', `Unexpected token '${tokenText(head)}' in expression or statement.`, head);
    const cmdlet = findCmdlet(head.text);
    if (cmdlet === undefined) throw new ParseError(notRecognizedError(head.text), this.offset + head.start);
    const call: CmdletCall = { name: cmdlet.name, module: cmdlet.module, parameters: {}, switches: {}, positional: [] };
    for (let token = this.peek(); token !== undefined && !isPunct(token, '|') && !isPunct(token, ')') && !isPunct(token, ';'); token = this.peek()) {
      if (token.type === 'parameter') this.parameter(cmdlet, call);
      else call.positional.push(this.value());
    }
    return call;
  }

  private parameter(cmdlet: CmdletInfo, call: CmdletCall): void {
    const token = this.take() as Extract<Token, { type: 'parameter' }>;
    const lookup = findParameter(cmdlet, token.name);
    if (lookup.kind === 'error') throw new ParseError(lookup.error, this.offset + token.start);
    const name = lookup.kind === 'found' ? lookup.parameter.name : token.name;
    const isSwitch = lookup.kind === 'found' ? lookup.parameter.isSwitch : !this.valueFollows();
    if (name in call.parameters || name in call.switches) {
      throw new ParseError(
        {
          category: 'InvalidArgument',
          errorId: 'ParameterAlreadyBound',
          message: `Cannot bind parameter because parameter '${name}' is specified more than once. To provide multiple values to parameters that can accept multiple values, use the array syntax. For example, "-parameter value1,value2,value3".`,
        },
        this.offset + token.start,
      );
    }
    if (isSwitch) {
      call.switches[name] = token.colon ? this.switchValue(name) : true;
      return;
    }
    if (!token.colon && !this.valueFollows()) {
      throw new ParseError(
        { category: 'InvalidArgument', errorId: 'MissingArgument', message: `Missing an argument for parameter '${name}'. Specify a parameter of the required type and try again.` },
        this.offset + token.start,
      );
    }
    call.parameters[name] = this.value();
  }

  private switchValue(name: string): boolean {
    const token = this.peek();
    const value = this.value();
    if (typeof value === 'boolean') return value;
    if (typeof value === 'number') return value !== 0;
    return this.fail('InvalidArgument', `Cannot process argument transformation on parameter '${name}'. Use $true or $false.`, token);
  }

  private valueFollows(): boolean {
    const token = this.peek();
    return token !== undefined && token.type !== 'parameter' && !isPunct(token, '|') && !isPunct(token, ')') && !isPunct(token, ';') && !isPunct(token, '}');
  }

  /** A value in argument mode: one primary, or several joined by commas into an array. */
  private value(): ArgValue {
    const first = this.primary();
    if (!isPunct(this.peek(), ',')) return first;
    const items: ArgValue[] = [first];
    while (isPunct(this.peek(), ',')) {
      const comma = this.take();
      if (!this.valueFollows()) this.fail('MissingExpressionAfterToken', "Missing expression after ','.", comma);
      items.push(this.primary());
    }
    return items;
  }

  /** The right-hand side of an assignment: expression mode, where barewords are not values. */
  private expression(): ArgValue {
    const token = this.peek();
    if (token === undefined) this.fail('ExpectedValueExpression', "You must provide a value expression following the '=' operator.", token);
    if (token.type === 'word') this.fail('UnexpectedToken', `Unexpected token '${token.text}' in expression or statement. Quote strings: '${token.text}'.`, token);
    return this.value();
  }

  private primary(): ArgValue {
    const token = this.take();
    if (token === undefined) return this.fail('MissingArgument', 'Missing an argument.', token);
    switch (token.type) {
      case 'string':
      case 'number':
        return token.value;
      case 'word':
        return token.text;
      case 'variable':
        return this.variable(token);
      case 'scriptBlock': {
        const block: ScriptBlockValue = { kind: 'scriptBlock', text: token.text };
        blockOffsets.set(block, this.offset + token.innerStart);
        return block;
      }
      case 'parameter':
        return this.fail('UnexpectedToken', `Unexpected token '-${token.name}' in expression or statement.`, token);
      case 'punct':
        return this.punctValue(token);
    }
  }

  private variable(token: Extract<Token, { type: 'variable' }>): ArgValue {
    const value = variables[token.name.toLowerCase()];
    if (value === undefined) {
      throw new ParseError(
        { category: 'InvalidOperation', errorId: 'VariableIsUndefined', message: `The variable '$${token.name}' cannot be retrieved because it has not been set.` },
        this.offset + token.start,
      );
    }
    return value;
  }

  private punctValue(token: Extract<Token, { type: 'punct' }>): ArgValue {
    if (token.text === '(') {
      if (this.isCommandStart(this.peek())) {
        const command = this.pipeline();
        this.expect(')', "closing ')' in subexpression");
        placeLine(command, this.offset + token.start);
        return { kind: 'command', command };
      }
      const value = this.value();
      this.expect(')', "closing ')' in expression");
      return value;
    }
    if (token.text === '@(') return this.arrayLiteral();
    if (token.text === '@{') return this.hashTable();
    return this.fail('UnexpectedToken', `Unexpected token '${token.text}' in expression or statement.`, token);
  }

  private arrayLiteral(): ArgValue[] {
    if (isPunct(this.peek(), ')')) {
      this.take();
      return [];
    }
    const value = this.value();
    this.expect(')', "closing ')' in subexpression");
    return Array.isArray(value) ? value : [value];
  }

  private hashTable(): HashTableValue {
    const entries: Record<string, ArgValue> = {};
    while (!isPunct(this.peek(), '}')) {
      const key = this.take();
      if (key?.type !== 'word' && key?.type !== 'string') this.fail('MissingKeyInHashLiteral', 'Missing key before \'=\' in hash literal.', key);
      this.expect('=', "'=' operator after key in hash literal");
      entries[key.type === 'word' ? key.text : key.value] = this.value();
      if (isPunct(this.peek(), ';')) this.take();
      if (this.atEnd()) this.fail('MissingEndCurlyBraceInHashLiteral', "Missing closing '}' in hash literal.", undefined);
    }
    this.take();
    return { kind: 'hashTable', entries };
  }
}

function tokenText(token: Token | undefined): string {
  if (token === undefined) return '';
  switch (token.type) {
    case 'word':
      return token.text;
    case 'parameter':
      return `-${token.name}`;
    case 'string':
      return token.value;
    case 'number':
      return String(token.value);
    case 'variable':
      return `$${token.name}`;
    case 'scriptBlock':
      return '{';
    case 'punct':
      return token.text;
  }
}

// ---------------------------------------------------------------------------------------------
// Where a command runs

function singleMachine(value: ArgValue | undefined, parameter: string, offset: number): string | undefined {
  if (value === undefined) return undefined;
  const list = Array.isArray(value) ? value : [value];
  const [first] = list;
  if (list.length !== 1 || typeof first !== 'string') {
    throw new ParseError(
      { category: 'InvalidArgument', errorId: 'OneMachineOnly', message: `-${parameter} takes one machine name in the lab, got ${JSON.stringify(value)}. Run the command once per machine.` },
      offset,
    );
  }
  return first;
}

/** Moves -ComputerName and -CimSession out of the parameters into where the call runs. */
function placeCall(call: CmdletCall, offset: number): void {
  if (!computerNameIsTarget.has(call.name) && call.name !== 'Invoke-Command') {
    const computer = singleMachine(call.parameters.ComputerName, 'ComputerName', offset);
    if (computer !== undefined) {
      call.computerName = computer;
      delete call.parameters.ComputerName;
    }
  }
  const session = singleMachine(call.parameters.CimSession, 'CimSession', offset);
  if (session !== undefined) {
    call.cimSession = session;
    delete call.parameters.CimSession;
  }
}

/** `Invoke-Command -ComputerName x -ScriptBlock { … }` becomes the inner line, run on x. */
function unwrapInvokeCommand(line: CommandLine, offset: number): CommandLine {
  const positional = [...line.positional];
  const block = (line.parameters.ScriptBlock ?? positional.find((v) => typeof v === 'object' && v !== null && !Array.isArray(v) && v.kind === 'scriptBlock')) as
    | ScriptBlockValue
    | undefined;
  const machineValue = line.parameters.ComputerName ?? positional.find((v) => typeof v === 'string' || Array.isArray(v));
  if (block === undefined || typeof block !== 'object' || block.kind !== 'scriptBlock') {
    throw parserError('ScriptBlockRequired', 'Invoke-Command needs a -ScriptBlock { … } to run.', offset);
  }
  const inner = parseAt(block.text, blockOffsets.get(block) ?? offset);
  const machine = singleMachine(machineValue, 'ComputerName', offset);
  if (machine !== undefined && inner.computerName === undefined && inner.cimSession === undefined) inner.computerName = machine;
  if (machine !== undefined) inner.invokedOn = machine;
  inner.pipeline.push(...line.pipeline);
  return inner;
}

function tokenizeAt(text: string, offset: number): Token[] {
  try {
    return tokenize(text);
  } catch (error) {
    if (error instanceof ParseError) throw new ParseError(error.error, error.offset + offset);
    throw error;
  }
}

function placeLine(line: CommandLine, offset: number): void {
  placeCall(line, offset);
  for (const stage of line.pipeline) placeCall(stage, offset);
}

function parseAt(text: string, offset: number): CommandLine {
  const tokens = tokenizeAt(text, offset);
  const parser = new Parser(tokens, text.length, offset);
  const line = parser.line();
  placeLine(line, offset);
  return line.name === 'Invoke-Command' ? unwrapInvokeCommand(line, offset) : line;
}

/** Parses one command line; errors name PowerShell's message and the 1-based column. */
export function parseCommandLine(text: string): ParseResult {
  try {
    return { ok: true, value: parseAt(text, 0) };
  } catch (error) {
    if (error instanceof ParseError) return { ok: false, error: error.error, column: error.offset + 1 };
    throw error;
  }
}

/**
 * The call's arguments by parameter name: its named parameters, plus its positional arguments
 * bound in order to the default parameter set's positional parameters not already given by
 * name, as PowerShell binds them. Arguments with no position left stay out.
 */
export function namedArguments(call: CmdletCall): Record<string, ArgValue> {
  const named: Record<string, ArgValue> = { ...call.parameters };
  const cmdlet = findCmdlet(call.name);
  if (cmdlet === undefined) return named;
  const open = cmdlet.parameters
    .filter((p) => p.position !== undefined && !(p.name in named) && !(p.name in call.switches))
    .sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
  call.positional.forEach((value, index) => {
    const parameter = open[index];
    if (parameter !== undefined) named[parameter.name] = value;
  });
  return named;
}
