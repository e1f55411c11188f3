import { CustodianshipEntity } from './custodianship/custodianship.entity';
import { EmployeeEntity } from './employee/employee.entity';

export const ENTITIES = [EmployeeEntity, CustodianshipEntity];
