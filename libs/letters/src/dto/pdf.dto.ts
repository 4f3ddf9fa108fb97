import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export class LetterPdfQuery {
  @ApiPropertyOptional({ enum: ['gp', 'large-print'], default: 'gp', description: "The GP's letter, or the patient's large-print copy" })
  @IsOptional()
  @IsIn(['gp', 'large-print'])
  variant?: 'gp' | 'large-print';
}
