import { describe, expect, it } from 'vitest';
import { plural, setLang } from '../src/i18n/index.svelte';

// Numbers are formatted for the language; the digits themselves are not what is checked here.
const latin = (text: string) => text.replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660));

describe('plural forms', () => {
  it('say "1 seat" and "3 seats" in English', () => {
    setLang('en');
    expect(plural('programme.rooms.seats', 1)).toBe('1 seat');
    expect(plural('programme.rooms.seats', 0)).toBe('0 seats');
    expect(plural('programme.rooms.seats', 3)).toBe('3 seats');
    expect(plural('programme.rooms.seats', 1200)).toBe('1,200 seats');
    expect(plural('programme.rooms.inUse', 1)).toBe('Not deleted: 1 session is in this room. Move it to another room first.');
    expect(plural('desk.offline', 1, { time: '10:02' })).toBe('Offline since 10:02 — 1 check-in waiting to be sent');
    expect(plural('desk.offline', 4, { time: '10:02' })).toBe('Offline since 10:02 — 4 check-ins waiting to be sent');
    expect(plural('programme.signups.count', 70, { confirmed: 5, total: 8 })).toBe('5 confirmed of 70 seats (8 signed up)');
  });

  it('use each of the six Arabic forms', () => {
    setLang('ar');
    const seats = (count: number) => latin(plural('programme.rooms.seats', count));
    expect(seats(0)).toBe('0 مقعد');
    expect(seats(1)).toBe('1 مقعد');
    expect(seats(2)).toBe('2 مقعدان');
    expect(seats(3)).toBe('3 مقاعد');
    expect(seats(10)).toBe('10 مقاعد');
    expect(seats(11)).toBe('11 مقعدًا');
    expect(seats(70)).toBe('70 مقعدًا');
    expect(seats(99)).toBe('99 مقعدًا');
    expect(seats(100)).toBe('100 مقعد');
    expect(seats(103)).toBe('103 مقاعد');
    expect(latin(plural('programme.minutes', 2))).toBe('2 دقيقتان');
    expect(latin(plural('programme.minutes', 5))).toBe('5 دقائق');
    expect(latin(plural('programme.minutes', 15))).toBe('15 دقيقة');
    expect(plural('desk.offline', 1, { time: '10:02' })).toBe('غير متصل منذ 10:02 — تسجيل حضور واحد بانتظار الإرسال');
    expect(plural('desk.offline', 2, { time: '10:02' })).toBe('غير متصل منذ 10:02 — تسجيلا حضور بانتظار الإرسال');
    expect(latin(plural('desk.offline', 12, { time: '10:02' }))).toBe('غير متصل منذ 10:02 — 12 تسجيلًا للحضور بانتظار الإرسال');
  });
});
