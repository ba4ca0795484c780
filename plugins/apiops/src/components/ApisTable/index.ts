export { ApisTable, APIS_URL } from './ApisTable';
