export { MetroMap } from './MetroMap';
