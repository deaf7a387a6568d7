// The roles are declared once, in the domain (they are shared with the review lifecycle).
export { ROLES, isRole, type RoleName } from '../../domain/roles';
