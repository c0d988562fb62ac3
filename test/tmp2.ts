const id = (i: number) => String(i).padStart(7, '0');
const text = Array.from({ length: 1_000_000 }, (_, i) => `${id(i)},${i % 2}`).join('\n');
const lines = text.split('\n');
let t = performance.now();
const m = new Map<number, object>();
for (let i = 0; i < lines.length; i++) { const l = lines[i]; const c = l.indexOf(','); let v = 0; for (let j = 0; j < c; j++) v = v * 10 + l.charCodeAt(j) - 48; m.set(v, { id: l, label: 1, line: i }); }
console.log('map number', (performance.now() - t).toFixed(0));
t = performance.now();
const arr: object[] = [];
for (let i = 0; i < lines.length; i++) { const l = lines[i]; const c = l.indexOf(','); const k = l.slice(0, c); arr.push({ id: k, key: k, label: 1, line: i }); }
console.log('objects only', (performance.now() - t).toFixed(0));
t = performance.now();
const m2 = new Map<string, number>();
for (let i = 0; i < lines.length; i++) { const l = lines[i]; const c = l.indexOf(','); m2.set(l.slice(0, c), i); }
console.log('map string->int', (performance.now() - t).toFixed(0));
