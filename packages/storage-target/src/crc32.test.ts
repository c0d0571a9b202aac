import test from 'ava';
import { crc32 } from './crc32.js';

test('CRC-32 of the standard check string "123456789" is 0xCBF43926', (t) => {
  t.is(crc32(new TextEncoder().encode('123456789')), 0xcbf43926);
  t.is(crc32(new Uint8Array(0)), 0);
});
