"""Parcelas mensais por município e bloco (Arts. 24 e 26), pagamento e conciliação do calculado com o pago."""
