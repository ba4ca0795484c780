import fs from 'node:fs';

/** The nice value of each thread of this process, by thread id (Linux). */
export function threadNiceness(): Map<number, number> {
  const result = new Map<number, number>();
  for (const task of fs.readdirSync('/proc/self/task')) {
    try {
      const stat = fs.readFileSync(`/proc/self/task/${task}/stat`, 'utf8');
      // The fields after the command name (in parentheses) start at field
      // 3; the nice value is field 19.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      result.set(Number(task), Number(fields[19 - 3]));
    } catch {
      // the thread ended meanwhile
    }
  }
  return result;
}
